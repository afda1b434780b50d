using Microsoft.Extensions.DependencyInjection;
using Roster.Accounts;
using Roster.Audit;
using Roster.Common;
using Roster.Groups;
using Roster.Modules;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Groups;

/// <summary>The three group changes that can leave an account without an active member holding the Account module.</summary>
public enum RiskyChange
{
    RevokeAccountModule,
    RemoveAdministrator,
    DeleteAdministrators,
}

public sealed class LastInviterTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    [Theory]
    [InlineData(RiskyChange.RevokeAccountModule)]
    [InlineData(RiskyChange.RemoveAdministrator)]
    [InlineData(RiskyChange.DeleteAdministrators)]
    public async Task RiskyChange_OnTheOnlyAdministrator_IsRefusedWithLastAdmin_AndChangesNothing(RiskyChange change)
    {
        var account = await fixture.NewAccountAsync();

        var result = await ApplyAsync(change, account);

        result.ShouldFail().Code.ShouldBe("users.last_admin");
        await ShouldBeIntactAsync(account);
    }

    [Theory]
    [InlineData(RiskyChange.RevokeAccountModule)]
    [InlineData(RiskyChange.RemoveAdministrator)]
    [InlineData(RiskyChange.DeleteAdministrators)]
    public async Task RiskyChange_WhenAnotherActiveMemberHoldsAccountModuleElsewhere_IsAllowed(RiskyChange change)
    {
        var account = await fixture.NewAccountAsync();
        var owners = await fixture.NewGroupAsync(account, "Owners", ModuleCatalog.Account);
        await fixture.AddMemberAsync(account, MembershipStatus.Active, owners.Id);

        var result = await ApplyAsync(change, account);

        result.Succeeded.ShouldBeTrue(result.Error?.Message);
        (await fixture.HasInviterAsync(account)).ShouldBeTrue();
    }

    [Theory]
    [InlineData(RiskyChange.RevokeAccountModule)]
    [InlineData(RiskyChange.RemoveAdministrator)]
    [InlineData(RiskyChange.DeleteAdministrators)]
    public async Task RiskyChange_WhenOnlyAnInvitedMemberHoldsAccountModule_IsRefused(RiskyChange change)
    {
        var account = await fixture.NewAccountAsync();
        var owners = await fixture.NewGroupAsync(account, "Owners", ModuleCatalog.Account);
        await fixture.AddMemberAsync(account, MembershipStatus.Invited, owners.Id);
        await fixture.AddMemberAsync(account, MembershipStatus.Invited, account.AdministratorsId);

        var result = await ApplyAsync(change, account);

        result.ShouldFail().Code.ShouldBe("users.last_admin");
        await ShouldBeIntactAsync(account, members: 2);
    }

    [Fact]
    public async Task RevokeOtherModules_FromTheOnlyAdministratorsGroup_IsAllowed()
    {
        var account = await fixture.NewAccountAsync();

        var result = await fixture.RunAsync((RevokeGroupPermissions revoke) =>
            revoke.HandleAsync(account.Id, account.AdministratorsId, [ModuleCatalog.Reports], account.Admin));

        result.ShouldSucceed().Permissions.Select(p => p.ModuleId).ShouldNotContain(ModuleCatalog.Reports);
        (await fixture.HasInviterAsync(account)).ShouldBeTrue();
    }

    /// <summary>The founder acts on the Administrators group they are the only member of.</summary>
    private Task<Result> ApplyAsync(RiskyChange change, TestAccount account) => fixture.InScopeAsync(async services =>
    {
        switch (change)
        {
            case RiskyChange.RevokeAccountModule:
                var revoked = await services.GetRequiredService<RevokeGroupPermissions>()
                    .HandleAsync(account.Id, account.AdministratorsId, [ModuleCatalog.Account], account.Admin);
                return revoked.Succeeded ? Result.Ok() : revoked.Error;
            case RiskyChange.RemoveAdministrator:
                var removed = await services.GetRequiredService<RemoveGroupMember>()
                    .HandleAsync(account.Id, account.AdministratorsId, account.Founder.Id, account.Admin);
                return removed.Succeeded ? Result.Ok() : removed.Error;
            default:
                var deleted = await services.GetRequiredService<DeleteGroup>().HandleAsync(account.Id, account.AdministratorsId, account.Admin);
                return deleted.Succeeded ? Result.Ok() : deleted.Error;
        }
    });

    private async Task ShouldBeIntactAsync(TestAccount account, int members = 1)
    {
        var administrators = await fixture.ReadGroupAsync(account.AdministratorsId);
        administrators.Permissions.Select(p => p.ModuleId).Order().ShouldBe(GroupScenario.EveryModule.Order());
        administrators.Members.Count.ShouldBe(members);
        administrators.Members.ShouldContain(m => m.UserId == account.Founder.Id);
        (await fixture.HasInviterAsync(account)).ShouldBeTrue();
        foreach (var action in new[] { AuditAction.GroupPermissionRevoked, AuditAction.GroupMemberRemoved, AuditAction.GroupDeleted })
            (await fixture.AuditCountAsync(account, action)).ShouldBe(0);
    }
}
