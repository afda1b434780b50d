using Roster.Accounts;
using Roster.Common;
using Roster.Profile;
using Roster.Tests.Groups;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Profile;

public sealed class LeaveAccountTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Leave_SaysWhetherTheLeavingSessionWorkedThere_AndWhereItWorksNow(bool fromWithin)
    {
        var leaving = await fixture.NewAccountAsync();
        var staying = await fixture.NewAccountAsync();
        var member = await fixture.AddMemberAsync(leaving);
        await fixture.DbAsync(db =>
        {
            db.Memberships.Add(Membership.Founder(staying.Id, member, fixture.Clock.GetUtcNow()));
            return db.SaveChangesAsync();
        });

        var left = await fixture.RunAsync((LeaveAccount leave) =>
            leave.HandleAsync(member.Id, leaving.Id, member.ActingAs(fromWithin ? leaving.Id : staying.Id)));

        left.Succeeded.ShouldBeTrue();
        left.Value.WasWorkingIn.ShouldBe(fromWithin);
        left.Value.NowInId.ShouldBe(staying.Id);
    }
}
