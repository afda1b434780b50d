using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Roster.Accounts;
using Roster.Audit;
using Roster.Common;
using Roster.Data;

namespace Roster.Invitations;

/// <summary>
/// Moves members whose invitation outlived its lifetime from invited to expired, with an audit entry each. Every node
/// runs it; the database decides which node expires, and audits, each member (see ADR 0010).
/// </summary>
public sealed class ExpireInvitations(RosterDbContext db, TimeProvider clock)
{
    private const int Batch = 500;

    /// <summary>Returns how many members this run expired; another node's run at the same time counts the rest.</summary>
    public async Task<int> HandleAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var total = 0;
        while (true)
        {
            var due = await Due(now).OrderBy(m => m.AccountId).ThenBy(m => m.UserId).Take(Batch)
                .Select(m => new { m.AccountId, m.UserId }).ToListAsync(ct);
            if (due.Count == 0) return total;
            var expired = 0;
            foreach (var account in due.GroupBy(m => m.AccountId))
                expired += await ExpireAsync(account.Key, account.Select(m => m.UserId).ToList(), now, ct);
            total += expired;
            // Another node expired this whole batch first: it is working through the same list, so leave the rest to it.
            if (expired == 0) return total;
        }
    }

    private IQueryable<Membership> Due(DateTimeOffset now) =>
        db.Memberships.Where(m => m.Status == MembershipStatus.Invited && db.Invitations.Any(i =>
            i.AccountId == m.AccountId && i.UserId == m.UserId && i.Status == InvitationStatus.Pending && i.ExpiresAt <= now));

    /// <summary>
    /// Under the account's lock, which a re-invitation holds from reading the member to committing, so neither
    /// overwrites the other. Each member changes by a conditional update on its current state, and only the node whose
    /// update changed the row writes the audit entry.
    /// </summary>
    private async Task<int> ExpireAsync(string accountId, List<string> userIds, DateTimeOffset now, CancellationToken ct)
    {
        await using var transaction = await AccountGuard.LockAsync(db, accountId, ct);
        var members = await Due(now).Where(m => m.AccountId == accountId && userIds.Contains(m.UserId))
            .Select(m => new { m.UserId, m.Name, m.Email }).ToListAsync(ct);
        var expired = 0;
        foreach (var member in members)
        {
            var changed = await Due(now).Where(m => m.AccountId == accountId && m.UserId == member.UserId)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MembershipStatus.Expired), ct);
            if (changed == 0) continue;
            db.Record(Actor.System, AuditAction.InvitationExpired, "user", member.UserId, member.Name, now, accountId, new { email = member.Email });
            expired++;
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return expired;
    }
}

/// <summary>Runs <see cref="ExpireInvitations"/> every minute; links also refuse themselves the moment they lapse.</summary>
public sealed class InvitationExpiryService(IServiceScopeFactory scopes, ILogger<InvitationExpiryService> logger)
    : PeriodicService<ExpireInvitations>(scopes, logger, TimeSpan.FromMinutes(1))
{
    protected override Task RunAsync(ExpireInvitations job, CancellationToken ct) => job.HandleAsync(ct);
}
