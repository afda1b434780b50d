using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roster.Accounts;
using Roster.Audit;
using Roster.Common;
using Roster.Groups;
using Roster.Modules;
using Roster.Security;
using Roster.Tests.Infrastructure;
using Roster.Tokens;

namespace Roster.Tests.Groups;

/// <summary>
/// A change that names another row (a module the actor hands out, a group it writes into) while a second change
/// takes that row away. Whichever commits first, the other answers exactly as it would one at a time: the grant
/// is refused once the module is gone and commits only before the revocation; a change to a deleted group is "not
/// found". Never an exception (a 500 on the API). Repeated because a race lost once can be won the next time.
/// </summary>
public sealed class ReferenceRaceTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    private const int Rounds = 6;

    [Fact]
    public async Task GrantToGroup_WhileTheModuleIsRevokedFromTheGrantersGroup_GrantsOnlyBeforeTheRevocation()
    {
        for (var round = 1; round <= Rounds; round++)
        {
            var (account, granters, granter) = await GranterAsync(ModuleCatalog.Account);
            var target = await fixture.NewGroupAsync(account, "Target");

            var (granted, revoked) = await RaceAsync(
                services => services.GetRequiredService<GrantGroupPermissions>().HandleAsync(account.Id, target.Id, [ModuleCatalog.Reports], granter),
                services => services.GetRequiredService<RevokeGroupPermissions>().HandleAsync(account.Id, granters.Id, [ModuleCatalog.Reports], account.Admin));

            revoked.Succeeded.ShouldBeTrue($"round {round}: {revoked.Error?.Message}");
            await ShouldBeGrantedOnlyBeforeRevocationAsync(granted, AuditAction.GroupPermissionGranted, target.Id, granters.Id, round);
            (await fixture.ReadGroupAsync(target.Id)).Permissions.Any(p => p.ModuleId == ModuleCatalog.Reports).ShouldBe(granted.Succeeded);
        }
    }

    [Fact]
    public async Task GrantToToken_WhileTheModuleIsRevokedFromTheGrantersGroup_GrantsOnlyBeforeTheRevocation()
    {
        for (var round = 1; round <= Rounds; round++)
        {
            var (account, granters, granter) = await GranterAsync(ModuleCatalog.Integrations);
            var token = await fixture.NewTokenAsync(account);

            var (granted, revoked) = await RaceAsync(
                services => services.GetRequiredService<ChangeTokenPermissions>().GrantAsync(token.Id, [ModuleCatalog.Reports], granter),
                services => services.GetRequiredService<RevokeGroupPermissions>().HandleAsync(account.Id, granters.Id, [ModuleCatalog.Reports], account.Admin));

            revoked.Succeeded.ShouldBeTrue($"round {round}: {revoked.Error?.Message}");
            await ShouldBeGrantedOnlyBeforeRevocationAsync(granted, AuditAction.TokenPermissionGranted, token.Id, granters.Id, round);
            var held = await fixture.DbAsync(db => db.Tokens.Where(t => t.Id == token.Id)
                .SelectMany(t => t.Permissions).AnyAsync(p => p.ModuleId == ModuleCatalog.Reports));
            held.ShouldBe(granted.Succeeded);
        }
    }

    [Fact]
    public async Task AddGroupMember_WhileTheGroupIsDeleted_AddsBeforeTheDeletionOrAnswersNotFound()
    {
        for (var round = 1; round <= Rounds; round++)
        {
            var account = await fixture.NewAccountAsync();
            var doomed = await fixture.NewGroupAsync(account, "Doomed", ModuleCatalog.Reports);
            var member = await fixture.AddMemberAsync(account);

            var (added, deleted) = await RaceAsync(
                services => services.GetRequiredService<AddGroupMember>().HandleAsync(account.Id, doomed.Id, member.Id, account.Admin),
                services => DeleteAsync(services, account, doomed.Id));

            deleted.Succeeded.ShouldBeTrue($"round {round}: {deleted.Error?.Message}");
            await ShouldHappenBeforeDeletionOrBeNotFoundAsync(added, AuditAction.GroupMemberAdded, doomed.Id, round);
            (await fixture.DbAsync(db => db.GroupMembers.AnyAsync(m => m.GroupId == doomed.Id))).ShouldBeFalse();
        }
    }

    [Fact]
    public async Task GrantGroupPermissions_WhileTheGroupIsDeleted_GrantsBeforeTheDeletionOrAnswersNotFound()
    {
        for (var round = 1; round <= Rounds; round++)
        {
            var account = await fixture.NewAccountAsync();
            var doomed = await fixture.NewGroupAsync(account, "Doomed");

            var (granted, deleted) = await RaceAsync(
                services => services.GetRequiredService<GrantGroupPermissions>().HandleAsync(account.Id, doomed.Id, [ModuleCatalog.Reports], account.Admin),
                services => DeleteAsync(services, account, doomed.Id));

            deleted.Succeeded.ShouldBeTrue($"round {round}: {deleted.Error?.Message}");
            await ShouldHappenBeforeDeletionOrBeNotFoundAsync(granted, AuditAction.GroupPermissionGranted, doomed.Id, round);
            (await fixture.DbAsync(db => db.GroupPermissions.AnyAsync(p => p.GroupId == doomed.Id))).ShouldBeFalse();
        }
    }

    /// <summary>
    /// An account with a group "Granters" giving <paramref name="manager"/> and Reports, and a member of it who acts.
    /// The founder keeps the Account module in Administrators, so revoking Reports never touches the last inviter.
    /// </summary>
    private async Task<(TestAccount Account, GroupView Granters, Actor Granter)> GranterAsync(string manager)
    {
        var account = await fixture.NewAccountAsync();
        var granters = await fixture.NewGroupAsync(account, "Granters", manager, ModuleCatalog.Reports);
        var granter = await fixture.AddMemberAsync(account, MembershipStatus.Active, granters.Id);
        return (account, granters, granter.ActingAs(account.Id));
    }

    private static async Task<Result<string>> DeleteAsync(IServiceProvider services, TestAccount account, string groupId)
    {
        var deleted = await services.GetRequiredService<DeleteGroup>().HandleAsync(account.Id, groupId, account.Admin);
        return deleted.Succeeded ? groupId : deleted.Error;
    }

    /// <summary>Starts both changes at once, each in its own scope as two requests would be.</summary>
    private async Task<(Result<T1> First, Result<T2> Second)> RaceAsync<T1, T2>(
        Func<IServiceProvider, Task<Result<T1>>> first, Func<IServiceProvider, Task<Result<T2>>> second)
    {
        var one = Task.Run(() => fixture.InScopeAsync(first));
        var other = Task.Run(() => fixture.InScopeAsync(second));
        await Task.WhenAll(one, other);
        return (await one, await other);
    }

    private async Task ShouldBeGrantedOnlyBeforeRevocationAsync<T>(Result<T> granted, AuditAction action, string objectId, string grantersId, int round)
    {
        var grantedAt = await AuditIdAsync(action, objectId);
        var revokedAt = await AuditIdAsync(AuditAction.GroupPermissionRevoked, grantersId);
        revokedAt.ShouldNotBeNull();
        if (granted.Succeeded)
        {
            grantedAt.ShouldNotBeNull();
            grantedAt.Value.ShouldBeLessThan(revokedAt.Value, $"round {round}: granted after the granter lost the module");
        }
        else
        {
            granted.Error.Code.ShouldBe(Privileges.NotHeldCode, $"round {round}");
            grantedAt.ShouldBeNull();
        }
    }

    private async Task ShouldHappenBeforeDeletionOrBeNotFoundAsync<T>(Result<T> change, AuditAction action, string groupId, int round)
    {
        var changedAt = await AuditIdAsync(action, groupId);
        var deletedAt = await AuditIdAsync(AuditAction.GroupDeleted, groupId);
        deletedAt.ShouldNotBeNull();
        if (change.Succeeded)
        {
            changedAt.ShouldNotBeNull();
            changedAt.Value.ShouldBeLessThan(deletedAt.Value, $"round {round}");
        }
        else
        {
            change.Error.Code.ShouldBe(GroupErrors.NotFound.Code, $"round {round}");
            changedAt.ShouldBeNull();
        }
    }

    private Task<long?> AuditIdAsync(AuditAction action, string objectId) =>
        fixture.DbAsync(db => db.AuditEntries.Where(e => e.Action == action && e.ObjectId == objectId)
            .Select(e => (long?)e.Id).SingleOrDefaultAsync());
}
