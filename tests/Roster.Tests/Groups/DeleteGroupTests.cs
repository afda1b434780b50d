using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Audit;
using Roster.Common;
using Roster.Groups;
using Roster.Modules;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Groups;

public sealed class DeleteGroupTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    [Fact]
    public async Task DeleteGroup_RemovesItsPermissionsAndMemberships_ButNotTheMembers()
    {
        var account = await fixture.NewAccountAsync();
        var group = await fixture.NewGroupAsync(account, "Support", ModuleCatalog.Helpdesk);
        var member = await fixture.AddMemberAsync(account, MembershipStatus.Active, group.Id);

        var result = await fixture.RunAsync((DeleteGroup delete) => delete.HandleAsync(account.Id, group.Id, account.Admin));

        result.Succeeded.ShouldBeTrue();
        (await fixture.DbAsync(db => db.Groups.AnyAsync(g => g.Id == group.Id))).ShouldBeFalse();
        (await fixture.DbAsync(db => db.GroupPermissions.AnyAsync(p => p.GroupId == group.Id))).ShouldBeFalse();
        (await fixture.DbAsync(db => db.GroupMembers.AnyAsync(m => m.GroupId == group.Id))).ShouldBeFalse();
        (await fixture.DbAsync(db => db.Memberships.AnyAsync(m => m.AccountId == account.Id && m.UserId == member.Id))).ShouldBeTrue();
        (await fixture.AuditCountAsync(account, AuditAction.GroupDeleted)).ShouldBe(1);
    }

    [Fact]
    public async Task DeleteGroup_UnknownOrOtherAccounts_IsNotFound_AndWithoutModuleForbidden()
    {
        var account = await fixture.NewAccountAsync();
        var other = await fixture.NewAccountAsync();
        var plain = await fixture.AddMemberAsync(account);

        var unknown = await fixture.RunAsync((DeleteGroup delete) => delete.HandleAsync(account.Id, "UG-000-000-000", account.Admin));
        var theirs = await fixture.RunAsync((DeleteGroup delete) => delete.HandleAsync(account.Id, other.AdministratorsId, account.Admin));
        var forbidden = await fixture.RunAsync((DeleteGroup delete) => delete.HandleAsync(account.Id, account.AdministratorsId, plain.ActingAs(account.Id)));

        unknown.ShouldFail().Code.ShouldBe("groups.not_found");
        theirs.ShouldFail().Code.ShouldBe("groups.not_found");
        forbidden.ShouldFail().Kind.ShouldBe(ErrorKind.Forbidden);
        (await fixture.DbAsync(db => db.Groups.CountAsync(g => g.Id == account.AdministratorsId || g.Id == other.AdministratorsId))).ShouldBe(2);
    }
}
