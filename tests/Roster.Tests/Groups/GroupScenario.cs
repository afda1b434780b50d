using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roster.Accounts;
using Roster.Common;
using Roster.Data;
using Roster.Groups;
using Roster.Modules;
using Roster.Tests.Infrastructure;
using Roster.Tokens;
using Roster.Users;

namespace Roster.Tests.Groups;

/// <summary>A fresh account: its founder (the only administrator) and its Administrators group.</summary>
public sealed record TestAccount(string Id, User Founder, string AdministratorsId)
{
    public Actor Admin => Founder.ActingAs(Id);
}

/// <summary>Accounts and people for group tests, written straight to the database where no use case exists yet.</summary>
public static class GroupScenario
{
    public static async Task<TestAccount> NewAccountAsync(this RosterFixture fixture)
    {
        var founder = await fixture.NewUserAsync("Founder");
        var created = await fixture.RunAsync((CreateAccount create) =>
            create.HandleAsync(new CreateAccountRequest("Acme", "vendor"), founder.ActingAs()));
        var accountId = created.ShouldSucceed().Id;
        var administrators = await fixture.DbAsync(db => db.Groups.Where(g => g.AccountId == accountId).Select(g => g.Id).SingleAsync());
        return new TestAccount(accountId, founder, administrators);
    }

    /// <summary>A new user with a membership of <paramref name="status"/> in the account, in the given groups.</summary>
    public static async Task<User> AddMemberAsync(
        this RosterFixture fixture, TestAccount account, MembershipStatus status = MembershipStatus.Active, params string[] groupIds)
    {
        var user = await fixture.NewUserAsync("Member " + Guid.NewGuid().ToString("N")[..6]);
        await fixture.DbAsync(db =>
        {
            var membership = Membership.Founder(account.Id, user, fixture.Clock.GetUtcNow());
            membership.Status = status;
            db.Memberships.Add(membership);
            foreach (var groupId in groupIds)
                db.GroupMembers.Add(new GroupMember { GroupId = groupId, AccountId = account.Id, UserId = user.Id });
            return db.SaveChangesAsync();
        });
        return user;
    }

    /// <summary>An active API token of the account holding <paramref name="modules"/>; tokens never count as inviters.</summary>
    public static async Task<Actor> NewTokenAsync(this RosterFixture fixture, TestAccount account, params string[] modules)
    {
        var token = new ApiToken
        {
            Id = Ids.NewTokenId(),
            AccountId = account.Id,
            Name = "automation",
            Status = TokenStatus.Active,
            SecretHash = Secrets.Hash(Secrets.New()),
            CreatedAt = fixture.Clock.GetUtcNow(),
            Permissions = [.. modules.Select(m => new TokenPermission { ModuleId = m })],
        };
        await fixture.DbAsync(db =>
        {
            db.Tokens.Add(token);
            return db.SaveChangesAsync();
        });
        return new Actor(ActorKind.Token, token.Id, token.Name, account.Id);
    }

    public static Task<GroupView> NewGroupAsync(this RosterFixture fixture, TestAccount account, string name, params string[] modules) =>
        fixture.InScopeAsync(async services =>
        {
            var created = await services.GetRequiredService<CreateGroup>().HandleAsync(new CreateGroupRequest(account.Id, name), account.Admin);
            created.Succeeded.ShouldBeTrue(created.Error?.Message);
            if (modules.Length == 0) return created.ShouldSucceed();
            var granted = await services.GetRequiredService<GrantGroupPermissions>().HandleAsync(account.Id, created.ShouldSucceed().Id, modules, account.Admin);
            return granted.ShouldSucceed();
        });

    public static Task<T> DbAsync<T>(this RosterFixture fixture, Func<RosterDbContext, Task<T>> work) =>
        fixture.InScopeAsync(services => work(services.GetRequiredService<RosterDbContext>()));

    public static Task<Group> ReadGroupAsync(this RosterFixture fixture, string groupId) =>
        fixture.DbAsync(db => db.Groups.AsNoTracking().Include(g => g.Permissions).Include(g => g.Members).SingleAsync(g => g.Id == groupId));

    public static Task<bool> HasInviterAsync(this RosterFixture fixture, TestAccount account) =>
        fixture.DbAsync(db => AccountGuard.HasInviterAsync(db, account.Id, CancellationToken.None));

    public static Task<int> AuditCountAsync(this RosterFixture fixture, TestAccount account, Audit.AuditAction action) =>
        fixture.DbAsync(db => db.AuditEntries.CountAsync(e => e.AccountId == account.Id && e.Action == action));

    public static readonly string[] EveryModule = [.. ModuleCatalog.All.Select(m => m.Id)];
}
