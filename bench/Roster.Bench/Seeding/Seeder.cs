using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Roster.Accounts;
using Roster.Common;
using Roster.Data;
using Roster.Groups;
using Roster.Invitations;
using Roster.Sessions;
using Roster.Setup;
using Roster.Users;

namespace Roster.Bench.Seeding;

/// <summary>
/// Creates the database with Roster's migrations and its first administrator, then loads one account with
/// <c>members</c> members, <c>sessions</c> live sessions and <c>auditEntries</c> entries of its audit trail through <see cref="BulkLoader"/>.
/// </summary>
public static class Seeder
{
    public const string AdminEmail = "admin@bench.test";

    public static async Task<SeededAccount> SeedAsync(IServiceProvider roster, int members, int sessions, int auditEntries, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await DatabaseMigrator.MigrateAsync(roster, ct);
        await using var scope = roster.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<RosterDbContext>();

        var adminPassword = Secrets.New();
        var created = await services.GetRequiredService<CreateFirstAdministrator>().HandleAsync(
            new FirstAdministratorRequest("Bench Administrator", AdminEmail, adminPassword, "Bench Holdings", "vendor"), ct);
        if (!created.Succeeded)
            throw new InvalidOperationException($"Creating the first administrator failed: {created.Error.Message} The database must be empty.");
        var account = created.Value;
        var admin = new Actor(ActorKind.User, account.Membership.UserId, "Bench Administrator", account.Account.Id);
        var groups = await AddGroupsAsync(db, account, admin, ct);

        var memberPassword = Secrets.New()[..20];
        var hasher = services.GetRequiredService<IPasswordHasher<User>>();
        var links = services.GetRequiredService<InvitationLinks>();
        await links.TokenForAsync("warm-up", ct); // creates the link key now, before the bulk transactions hold the database
        var seeded = members - 1; // the administrator is the first member
        var context = new MemberContext(
            account.Account.Id, admin, [.. groups.Select(g => g.Id)], hasher.HashPassword(new User(), memberPassword),
            services.GetRequiredService<ILookupNormalizer>(), links,
            services.GetRequiredService<IOptions<InvitationOptions>>().Value.Lifetime, DateTimeOffset.UtcNow, seeded,
            new SeedIds(Ids.User, 3, seeded, new HashSet<string> { admin.Id }), new SeedIds(Ids.Invitation, 4, seeded, new HashSet<string>()));

        await using var loader = await BulkLoader.OpenAsync(db, ct);
        var tally = await MemberLoad.RunAsync(loader, context, sessions, ct);
        var secrets = await LoadSessionsAsync(loader, context, tally.SessionUserIds, sessions, ct);
        var audit = await AuditLoad.RunAsync(loader, account.Account.Id, tally.SessionUserIds, auditEntries, context.Now, ct);
        var seedTime = clock.Elapsed;
        clock.Restart();
        await loader.FinishAsync(ct);

        return new SeededAccount(
            account.Account.Id, AdminEmail, adminPassword, memberPassword, groups.ToDictionary(g => g.Name, g => g.Id), members,
            tally.Active + 1, tally.Invited, tally.Expired, tally.Support, tally.Rare,
            tally.SignInEmails, secrets, audit, seedTime, clock.Elapsed);
    }

    /// <summary>Administrators (Roster's own) first, then the extra groups in order, each with its module.</summary>
    private static async Task<IReadOnlyList<Group>> AddGroupsAsync(RosterDbContext db, NewAccount account, Actor admin, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        var groups = new List<Group> { account.Administrators };
        foreach (var (name, moduleId, description) in SeedGroups.Extra)
        {
            var group = Group.Create(account.Account.Id, name, description, null, null, admin, now);
            group.Grant(moduleId, admin, now);
            db.Groups.Add(group);
            groups.Add(group);
        }
        await db.SaveChangesAsync(ct);
        return groups;
    }

    /// <summary>Live sessions spread over the active members, with secrets the harness keeps to send as cookies.</summary>
    private static async Task<IReadOnlyList<string>> LoadSessionsAsync(
        BulkLoader loader, MemberContext context, List<string> userIds, int count, CancellationToken ct)
    {
        var ids = new SeedIds(Ids.Session, 4, count, new HashSet<string>());
        var secrets = new List<string>(count);
        var rows = new List<Session>(count);
        for (var i = 0; i < count; i++)
        {
            var secret = Secrets.New();
            secrets.Add(secret);
            rows.Add(new Session
            {
                Id = ids.For(i),
                SecretHash = Secrets.Hash(secret),
                UserId = userIds[i % userIds.Count],
                AccountId = context.AccountId,
                Status = SessionStatus.Active,
                CreatedAt = context.Now,
                LastSeenAt = context.Now,
                Ip = "127.0.0.1",
                UserAgent = "Roster.Bench",
            });
        }
        await loader.BeginAsync(ct);
        await loader.InsertAsync(rows, ct);
        await loader.CommitAsync(ct);
        return secrets;
    }
}
