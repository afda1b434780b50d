using Roster.Accounts;
using Roster.Common;
using Roster.Groups;
using Roster.Tests.Groups;
using Roster.Tests.Infrastructure;
using Roster.Users;

namespace Roster.Tests.Members;

/// <summary>
/// A group deleted while a member is put into it answers exactly as one after the other would: the change either
/// happened first, or it is told the group does not exist. Never a failed write. Repeated because a race that is
/// lost once can be won the next time.
/// </summary>
public sealed class GroupDeletedMeanwhileTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    private const int Rounds = 6;

    [Fact]
    public async Task UpdateMember_WhileTheGroupIsDeleted_SucceedsOrIsAnUnknownGroup()
    {
        for (var round = 1; round <= Rounds; round++)
        {
            var account = await fixture.NewAccountAsync();
            var member = await fixture.AddMemberAsync(account, MembershipStatus.Active, account.AdministratorsId);
            var support = await fixture.NewGroupAsync(account, "Support");

            var (updated, deleted) = await RaceAsync(
                () => fixture.RunAsync((UpdateMember update) => update.HandleAsync(
                    new UpdateMemberRequest(account.Id, member.Id, [support.Id], null, null), account.Admin)),
                () => fixture.RunAsync((DeleteGroup delete) => delete.HandleAsync(account.Id, support.Id, account.Admin)));

            deleted.Succeeded.ShouldBeTrue($"round {round}: {deleted.Error?.Message}");
            if (!updated.Succeeded) updated.Error.Code.ShouldBe("users.unknown_group", $"round {round}");
        }
    }

    [Fact]
    public async Task InviteMember_WhileTheGroupIsDeleted_SucceedsOrIsAnUnknownGroup()
    {
        for (var round = 1; round <= Rounds; round++)
        {
            var account = await fixture.NewAccountAsync();
            var support = await fixture.NewGroupAsync(account, "Support");

            var (invited, deleted) = await RaceAsync(
                () => fixture.RunAsync((InviteMember invite) => invite.HandleAsync(
                    new InviteMemberRequest(account.Id, null, "Racing Invitee", $"{Guid.NewGuid():N}@roster.test", [support.Id]), account.Admin)),
                () => fixture.RunAsync((DeleteGroup delete) => delete.HandleAsync(account.Id, support.Id, account.Admin)));

            deleted.Succeeded.ShouldBeTrue($"round {round}: {deleted.Error?.Message}");
            if (!invited.Succeeded) invited.Error.Code.ShouldBe("users.unknown_group", $"round {round}");
        }
    }

    /// <summary>Both at once; an exception from either (a failed write) fails the test.</summary>
    private static async Task<(Result<MemberChange> Change, Result<GroupView> Deletion)> RaceAsync(
        Func<Task<Result<MemberChange>>> change, Func<Task<Result<GroupView>>> deletion)
    {
        var changing = Task.Run(change);
        var deleting = Task.Run(deletion);
        return (await changing, await deleting);
    }
}
