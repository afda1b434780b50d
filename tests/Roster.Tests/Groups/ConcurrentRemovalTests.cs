using Microsoft.Extensions.DependencyInjection;
using Roster.Accounts;
using Roster.Common;
using Roster.Groups;
using Roster.Modules;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Groups;

/// <summary>
/// Two changes that are each fine alone but together remove the last inviter: the account lock must let exactly
/// one through. Repeated because a race that is lost once can be won the next time.
/// </summary>
public sealed class ConcurrentRemovalTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    private const int Rounds = 5;

    [Fact]
    public async Task RemoveBothAdministrators_Concurrently_ExactlyOneSucceeds_AndOneActiveAdministratorRemains()
    {
        for (var round = 1; round <= Rounds; round++)
        {
            var account = await fixture.NewAccountAsync();
            var second = await fixture.AddMemberAsync(account, MembershipStatus.Active, account.AdministratorsId);
            var token = await fixture.NewTokenAsync(account, ModuleCatalog.Account);

            var results = await Task.WhenAll(
                Task.Run(() => RemoveAsync(account, account.Founder.Id, token)),
                Task.Run(() => RemoveAsync(account, second.Id, token)));

            results.Count(r => r.Succeeded).ShouldBe(1, $"round {round}");
            results.Single(r => !r.Succeeded).ShouldFail().Code.ShouldBe("users.last_admin");
            (await fixture.ReadGroupAsync(account.AdministratorsId)).Members.Count.ShouldBe(1);
            (await fixture.HasInviterAsync(account)).ShouldBeTrue();
        }
    }

    [Fact]
    public async Task AdministratorsRemovingEachOther_Concurrently_ExactlyOneSucceeds()
    {
        for (var round = 1; round <= Rounds; round++)
        {
            var account = await fixture.NewAccountAsync();
            var second = await fixture.AddMemberAsync(account, MembershipStatus.Active, account.AdministratorsId);

            var results = await Task.WhenAll(
                Task.Run(() => RemoveAsync(account, second.Id, account.Admin)),
                Task.Run(() => RemoveAsync(account, account.Founder.Id, second.ActingAs(account.Id))));

            results.Count(r => r.Succeeded).ShouldBe(1, $"round {round}");
            (await fixture.ReadGroupAsync(account.AdministratorsId)).Members.Count.ShouldBe(1);
            (await fixture.HasInviterAsync(account)).ShouldBeTrue();
        }
    }

    [Fact]
    public async Task RevokeAndRemove_AcrossTwoGroups_Concurrently_ExactlyOneSucceeds()
    {
        for (var round = 1; round <= Rounds; round++)
        {
            var account = await fixture.NewAccountAsync();
            var owners = await fixture.NewGroupAsync(account, "Owners", ModuleCatalog.Account);
            await fixture.AddMemberAsync(account, MembershipStatus.Active, owners.Id);
            var token = await fixture.NewTokenAsync(account, ModuleCatalog.Account);

            var results = await Task.WhenAll(
                Task.Run(() => RemoveAsync(account, account.Founder.Id, token)),
                Task.Run(() => fixture.InScopeAsync(async services =>
                {
                    var revoked = await services.GetRequiredService<RevokeGroupPermissions>().HandleAsync(account.Id, owners.Id, [ModuleCatalog.Account], token);
                    return revoked.Succeeded ? Result.Ok() : Result.Fail(revoked.Error);
                })));

            results.Count(r => r.Succeeded).ShouldBe(1, $"round {round}");
            results.Single(r => !r.Succeeded).ShouldFail().Code.ShouldBe("users.last_admin");
            (await fixture.HasInviterAsync(account)).ShouldBeTrue();
        }
    }

    private Task<Result> RemoveAsync(TestAccount account, string userId, Actor actor) =>
        fixture.InScopeAsync(async services =>
        {
            var removed = await services.GetRequiredService<RemoveGroupMember>().HandleAsync(account.Id, account.AdministratorsId, userId, actor);
            return removed.Succeeded ? Result.Ok() : removed.Error;
        });
}
