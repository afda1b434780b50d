using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Roster.Accounts;
using Roster.Audit;
using Roster.Common;
using Roster.Data;

namespace Roster.Invitations;

/// <summary>Moves members whose invitation outlived its lifetime from invited to expired, with an audit entry each.</summary>
public sealed class ExpireInvitations(RosterDbContext db, TimeProvider clock)
{
    private const int Batch = 500;

    public async Task<int> HandleAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var total = 0;
        while (true)
        {
            var due = await db.Memberships
                .Where(m => m.Status == MembershipStatus.Invited && db.Invitations.Any(i =>
                    i.AccountId == m.AccountId && i.UserId == m.UserId && i.Status == InvitationStatus.Pending && i.ExpiresAt <= now))
                .OrderBy(m => m.AccountId).ThenBy(m => m.UserId).Take(Batch).ToListAsync(ct);
            if (due.Count == 0) return total;
            foreach (var membership in due)
            {
                membership.Expire();
                db.Record(Actor.System, AuditAction.InvitationExpired, "user", membership.UserId, membership.Name, now, membership.AccountId,
                    new { email = membership.Email });
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            total += due.Count;
        }
    }
}

/// <summary>Runs <see cref="ExpireInvitations"/> every minute; links also refuse themselves the moment they lapse.</summary>
public sealed class InvitationExpiryService(IServiceScopeFactory scopes, ILogger<InvitationExpiryService> logger)
    : PeriodicService<ExpireInvitations>(scopes, logger, TimeSpan.FromMinutes(1))
{
    protected override Task RunAsync(ExpireInvitations job, CancellationToken ct) => job.HandleAsync(ct);
}
