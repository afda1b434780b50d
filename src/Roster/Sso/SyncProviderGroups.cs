using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Groups;
using Roster.Modules;
using Roster.Users;

namespace Roster.Sso;

/// <summary>
/// With a provider's group mapping on, each sign-in through it brings the person's groups in the provider's account
/// in line with the groups the provider lists: in the groups whose external id is listed, out of the other groups
/// that have an external id. Groups without one are the account's own and the sync leaves them alone. The account
/// keeps someone who can invite (ADR 0004): a removal that would take the last one away is not made, and the audit
/// entry says so.
/// </summary>
public sealed class SyncProviderGroups(RosterDbContext db, TimeProvider clock)
{
    public async Task HandleAsync(
        IdentityProvider provider, User user, IReadOnlyCollection<string> listed, string? ip, string? userAgent, CancellationToken ct)
    {
        var accountId = provider.AccountId;
        var actor = new Actor(ActorKind.User, user.Id, user.Name, accountId, null, ip, userAgent);
        await using var transaction = await AccountGuard.LockAsync(db, accountId, ct);
        var member = await db.Memberships.AnyAsync(m => m.AccountId == accountId && m.UserId == user.Id && m.Status == MembershipStatus.Active, ct);
        if (!member) return;

        var mapped = await db.Groups.Where(g => g.AccountId == accountId && g.ExternalId != null)
            .Select(g => new { g.Id, g.Name, g.ExternalId, In = g.Members.Any(m => m.UserId == user.Id),
                Invites = g.Permissions.Any(p => p.ModuleId == ModuleCatalog.Account) })
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        var person = new { id = user.Id, name = user.Name, email = user.Email };
        List<string> added = [], removed = [], kept = [];
        foreach (var group in mapped.Where(g => !g.In && listed.Contains(g.ExternalId!)))
        {
            db.GroupMembers.Add(new GroupMember { GroupId = group.Id, AccountId = accountId, UserId = user.Id, AddedAt = now });
            db.Record(actor, AuditAction.GroupMemberAdded, "group", group.Id, group.Name, now, accountId, new { user = person, source = "sso" });
            added.Add(group.Name);
        }
        await db.SaveChangesAsync(ct);
        // Groups that do not hand out the Account module first: they can never break the invariant.
        foreach (var group in mapped.Where(g => g.In && !listed.Contains(g.ExternalId!)).OrderBy(g => g.Invites))
        {
            await db.GroupMembers.Where(m => m.GroupId == group.Id && m.UserId == user.Id).ExecuteDeleteAsync(ct);
            if (group.Invites && !await AccountGuard.HasInviterAsync(db, accountId, ct))
            {
                db.GroupMembers.Add(new GroupMember { GroupId = group.Id, AccountId = accountId, UserId = user.Id, AddedAt = now });
                await db.SaveChangesAsync(ct);
                kept.Add(group.Name);
                continue;
            }
            db.Record(actor, AuditAction.GroupMemberRemoved, "group", group.Id, group.Name, now, accountId, new { user = person, source = "sso" });
            removed.Add(group.Name);
        }
        if (added.Count + removed.Count + kept.Count == 0) return;
        db.Record(actor, AuditAction.SsoGroupsSynchronized, "user", user.Id, user.Name, now, accountId, new
        {
            identity_provider = new { id = provider.Id, name = provider.Name }, added, removed,
            kept_last_inviter = kept,
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
