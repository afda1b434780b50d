using Roster.Accounts;
using Roster.Audit;
using Roster.Groups;
using Roster.Modules;
using Roster.Security;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Groups;

public sealed class GroupPermissionTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    [Fact]
    public async Task GrantPermissions_GivesMembersTheModules_AndRegrantingChangesNothing()
    {
        var account = await fixture.NewAccountAsync();
        var group = await fixture.NewGroupAsync(account, "Support");
        var member = await fixture.AddMemberAsync(account, MembershipStatus.Active, group.Id);

        var first = await fixture.RunAsync((GrantGroupPermissions grant) =>
            grant.HandleAsync(account.Id, group.Id, [ModuleCatalog.Helpdesk, ModuleCatalog.Reports], account.Admin));
        var again = await fixture.RunAsync((GrantGroupPermissions grant) =>
            grant.HandleAsync(account.Id, group.Id, [ModuleCatalog.Helpdesk, ModuleCatalog.Helpdesk], account.Admin));

        first.Succeeded.ShouldBeTrue();
        again.ShouldSucceed().Permissions.Select(p => p.ModuleId).Order().ShouldBe([ModuleCatalog.Helpdesk, ModuleCatalog.Reports]);
        (await fixture.ReadGroupAsync(group.Id)).Permissions.Count.ShouldBe(2);
        (await fixture.DbAsync(db => db.HasModuleAsync(member.ActingAs(account.Id), account.Id, ModuleCatalog.Helpdesk))).ShouldBeTrue();
        (await fixture.AuditCountAsync(account, AuditAction.GroupPermissionGranted)).ShouldBe(2);
    }

    [Fact]
    public async Task RevokePermissions_TakesTheModuleAway_AndRevokingWhatIsMissingChangesNothing()
    {
        var account = await fixture.NewAccountAsync();
        var group = await fixture.NewGroupAsync(account, "Support", ModuleCatalog.Helpdesk, ModuleCatalog.Reports);
        var member = await fixture.AddMemberAsync(account, MembershipStatus.Active, group.Id);

        var revoked = await fixture.RunAsync((RevokeGroupPermissions revoke) =>
            revoke.HandleAsync(account.Id, group.Id, [ModuleCatalog.Helpdesk, ModuleCatalog.Audit], account.Admin));

        revoked.Succeeded.ShouldBeTrue();
        (await fixture.ReadGroupAsync(group.Id)).Permissions.Select(p => p.ModuleId).ShouldBe([ModuleCatalog.Reports]);
        (await fixture.DbAsync(db => db.HasModuleAsync(member.ActingAs(account.Id), account.Id, ModuleCatalog.Helpdesk))).ShouldBeFalse();
        (await fixture.AuditCountAsync(account, AuditAction.GroupPermissionRevoked)).ShouldBe(1);
    }

    [Theory]
    [InlineData("MD-9999", "groups.unknown_module")]
    [InlineData(null, "groups.permissions_required")]
    public async Task GrantAndRevoke_BadModules_AreRefusedAndChangeNothing(string? module, string code)
    {
        var account = await fixture.NewAccountAsync();
        var group = await fixture.NewGroupAsync(account, "Support", ModuleCatalog.Helpdesk);
        string[] toGrant = module is null ? [] : [ModuleCatalog.Reports, module];
        string[] toRevoke = module is null ? [] : [ModuleCatalog.Helpdesk, module];

        var granted = await fixture.RunAsync((GrantGroupPermissions grant) => grant.HandleAsync(account.Id, group.Id, toGrant, account.Admin));
        var revoked = await fixture.RunAsync((RevokeGroupPermissions revoke) => revoke.HandleAsync(account.Id, group.Id, toRevoke, account.Admin));

        granted.ShouldFail().Code.ShouldBe(code);
        revoked.ShouldFail().Code.ShouldBe(code);
        (await fixture.ReadGroupAsync(group.Id)).Permissions.Select(p => p.ModuleId).ShouldBe([ModuleCatalog.Helpdesk]);
    }

    [Fact]
    public async Task GrantPermissions_ByMemberWithoutAccountModule_IsForbidden()
    {
        var account = await fixture.NewAccountAsync();
        var group = await fixture.NewGroupAsync(account, "Support", ModuleCatalog.Helpdesk);
        var member = await fixture.AddMemberAsync(account, MembershipStatus.Active, group.Id);

        var result = await fixture.RunAsync((GrantGroupPermissions grant) =>
            grant.HandleAsync(account.Id, group.Id, [ModuleCatalog.Account], member.ActingAs(account.Id)));

        result.ShouldFail().Code.ShouldBe("permission.denied");
        (await fixture.ReadGroupAsync(group.Id)).Permissions.Count.ShouldBe(1);
    }
}
