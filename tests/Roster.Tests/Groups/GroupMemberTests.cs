using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Audit;
using Roster.Common;
using Roster.Groups;
using Roster.Modules;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Groups;

public sealed class GroupMemberTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    [Theory]
    [InlineData(MembershipStatus.Active)]
    [InlineData(MembershipStatus.Invited)]
    public async Task AddGroupMember_UserOfTheAccount_JoinsOnce(MembershipStatus status)
    {
        var account = await fixture.NewAccountAsync();
        var group = await fixture.NewGroupAsync(account, "Support");
        var user = await fixture.AddMemberAsync(account, status);

        var first = await fixture.RunAsync((AddGroupMember add) => add.HandleAsync(account.Id, group.Id, user.Id, account.Admin));
        var again = await fixture.RunAsync((AddGroupMember add) => add.HandleAsync(account.Id, group.Id, user.Id, account.Admin));

        first.ShouldSucceed().UserId.ShouldBe(user.Id);
        again.ShouldSucceed().Status.ShouldBe(status);
        (await fixture.ReadGroupAsync(group.Id)).Members.Select(m => m.UserId).ShouldBe([user.Id]);
        (await fixture.AuditCountAsync(account, AuditAction.GroupMemberAdded)).ShouldBe(1);
    }

    [Fact]
    public async Task AddGroupMember_UserOutsideTheAccountOrExpired_IsRefused()
    {
        var account = await fixture.NewAccountAsync();
        var other = await fixture.NewAccountAsync();
        var group = await fixture.NewGroupAsync(account, "Support");
        var expired = await fixture.AddMemberAsync(account, MembershipStatus.Expired);

        var outsider = await fixture.RunAsync((AddGroupMember add) => add.HandleAsync(account.Id, group.Id, other.Founder.Id, account.Admin));
        var lapsed = await fixture.RunAsync((AddGroupMember add) => add.HandleAsync(account.Id, group.Id, expired.Id, account.Admin));
        var unknown = await fixture.RunAsync((AddGroupMember add) => add.HandleAsync(account.Id, group.Id, "UR-000-000-000", account.Admin));
        var missing = await fixture.RunAsync((AddGroupMember add) => add.HandleAsync(account.Id, group.Id, null, account.Admin));

        outsider.ShouldFail().Code.ShouldBe("groups.not_account_member");
        lapsed.ShouldFail().Code.ShouldBe("groups.not_account_member");
        unknown.ShouldFail().Code.ShouldBe("groups.not_account_member");
        missing.ShouldFail().Code.ShouldBe("groups.user_required");
        (await fixture.ReadGroupAsync(group.Id)).Members.ShouldBeEmpty();
    }

    [Fact]
    public async Task RemoveGroupMember_TakesUserOutOfGroup_ButKeepsThemInTheAccount()
    {
        var account = await fixture.NewAccountAsync();
        var group = await fixture.NewGroupAsync(account, "Support", ModuleCatalog.Helpdesk);
        var user = await fixture.AddMemberAsync(account, MembershipStatus.Active, group.Id);

        var removed = await fixture.RunAsync((RemoveGroupMember remove) => remove.HandleAsync(account.Id, group.Id, user.Id, account.Admin));
        var again = await fixture.RunAsync((RemoveGroupMember remove) => remove.HandleAsync(account.Id, group.Id, user.Id, account.Admin));

        removed.Succeeded.ShouldBeTrue();
        var error = again.ShouldFail();
        (error.Code, error.Kind).ShouldBe(("groups.member_not_found", ErrorKind.NotFound));
        (await fixture.ReadGroupAsync(group.Id)).Members.ShouldBeEmpty();
        (await fixture.DbAsync(db => db.Memberships.AnyAsync(m => m.AccountId == account.Id && m.UserId == user.Id))).ShouldBeTrue();
        (await fixture.AuditCountAsync(account, AuditAction.GroupMemberRemoved)).ShouldBe(1);
    }

    [Fact]
    public async Task AddAndRemoveGroupMember_ByMemberWithoutAccountModule_AreForbidden()
    {
        var account = await fixture.NewAccountAsync();
        var group = await fixture.NewGroupAsync(account, "Support", ModuleCatalog.Helpdesk);
        var member = await fixture.AddMemberAsync(account, MembershipStatus.Active, group.Id);
        var other = await fixture.AddMemberAsync(account);

        var added = await fixture.RunAsync((AddGroupMember add) => add.HandleAsync(account.Id, group.Id, other.Id, member.ActingAs(account.Id)));
        var removed = await fixture.RunAsync((RemoveGroupMember remove) => remove.HandleAsync(account.Id, account.AdministratorsId, account.Founder.Id, member.ActingAs(account.Id)));

        added.ShouldFail().Kind.ShouldBe(ErrorKind.Forbidden);
        removed.ShouldFail().Kind.ShouldBe(ErrorKind.Forbidden);
        (await fixture.ReadGroupAsync(group.Id)).Members.Count.ShouldBe(1);
        (await fixture.ReadGroupAsync(account.AdministratorsId)).Members.Count.ShouldBe(1);
    }
}
