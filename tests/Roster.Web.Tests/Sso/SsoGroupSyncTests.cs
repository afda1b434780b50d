using Microsoft.EntityFrameworkCore;
using Roster.Audit;
using Roster.Groups;
using Roster.Modules;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Sso;

/// <summary>With the provider's group mapping on, each sign-in brings the person's mapped groups in line with the provider's list.</summary>
public sealed class SsoGroupSyncTests(SsoServer server) : IClassFixture<SsoServer>, IAsyncLifetime
{
    public Task InitializeAsync() => server.EditProviderAsync(p => p.GroupsAuto = true);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task SsoSignIn_GroupsClaimChanges_AddsAndRemovesMappedGroupsOnly()
    {
        var email = SsoPeople.NewEmail();
        var userId = await SsoPeople.MemberAsync(server, email);

        (await server.CreateClient().SignInThroughAsync(server.ProviderId, $"{email};groups=sales")).SetsSession().ShouldBeTrue();
        var afterFirst = await GroupsOfAsync(userId);
        (await server.CreateClient().SignInThroughAsync(server.ProviderId, $"{email};groups=support,unknown")).SetsSession().ShouldBeTrue();
        var afterSecond = await GroupsOfAsync(userId);

        afterFirst.ShouldBe([server.SalesGroupId, server.StaffGroupId], ignoreOrder: true);
        afterSecond.ShouldBe([server.StaffGroupId, server.SupportGroupId], ignoreOrder: true);
        var removed = await server.DbAsync((db, _) => db.AuditEntries.CountAsync(e =>
            e.Action == AuditAction.GroupMemberRemoved && e.ObjectId == server.SalesGroupId && e.Changes!.Contains(userId)));
        removed.ShouldBe(1);
    }

    [Fact]
    public async Task SsoSignIn_SyncWouldRemoveTheLastInviter_KeepsThatGroupAndSaysSo()
    {
        var email = SsoPeople.NewEmail();
        var userId = await SsoPeople.MemberAsync(server, email);
        var administratorsId = await server.DbAsync((db, _) => db.Groups.Where(g => g.Name == Group.AdministratorsName).Select(g => g.Id).SingleAsync());
        await server.DbAsync(async (db, _) =>
        {
            db.GroupPermissions.Add(new GroupPermission { GroupId = server.SalesGroupId, ModuleId = ModuleCatalog.Account, GrantedAt = server.Clock.GetUtcNow() });
            await db.SaveChangesAsync();
        });
        (await server.CreateClient().SignInThroughAsync(server.ProviderId, $"{email};groups=sales")).SetsSession().ShouldBeTrue();
        var adminId = await server.DbAsync((db, _) => db.GroupMembers.Where(m => m.GroupId == administratorsId).Select(m => m.UserId).SingleAsync());
        await server.DbAsync((db, _) => db.GroupMembers.Where(m => m.GroupId == administratorsId).ExecuteDeleteAsync());
        try
        {
            (await server.CreateClient().SignInThroughAsync(server.ProviderId, $"{email};groups=support")).SetsSession().ShouldBeTrue();
        }
        finally
        {
            await server.DbAsync(async (db, _) =>
            {
                db.GroupMembers.Add(new GroupMember { GroupId = administratorsId, AccountId = server.AccountId, UserId = adminId });
                await db.SaveChangesAsync();
            });
        }

        (await GroupsOfAsync(userId)).ShouldContain(server.SalesGroupId);
        var synchronized = await server.DbAsync((db, _) => db.AuditEntries.Where(e => e.Action == AuditAction.SsoGroupsSynchronized && e.ObjectId == userId)
            .OrderBy(e => e.Id).Select(e => e.Changes).ToListAsync());
        synchronized.Last()!.ShouldContain("\"kept_last_inviter\":[\"Sales\"]");
    }

    private Task<List<string>> GroupsOfAsync(string userId) =>
        server.DbAsync((db, _) => db.GroupMembers.Where(m => m.UserId == userId).Select(m => m.GroupId).ToListAsync());
}
