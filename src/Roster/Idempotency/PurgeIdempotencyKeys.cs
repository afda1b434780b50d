using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Roster.Common;
using Roster.Data;

namespace Roster.Idempotency;

/// <summary>
/// Deletes keys past their window, in small batches so no long transaction locks the table. Two nodes doing it at
/// once delete each row once between them, so it needs no lease.
/// </summary>
public sealed class PurgeIdempotencyKeys(RosterDbContext db, TimeProvider clock)
{
    private const int Batch = 1000;

    public async Task<int> HandleAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var total = 0;
        while (true)
        {
            var expired = await db.IdempotencyKeys.Where(k => k.ExpiresAt <= now)
                .OrderBy(k => k.ExpiresAt).Select(k => new { k.ActorId, k.KeyHash }).Take(Batch).ToListAsync(ct);
            if (expired.Count == 0) return total;
            foreach (var actor in expired.GroupBy(k => k.ActorId))
            {
                var hashes = actor.Select(k => k.KeyHash).ToList();
                total += await db.IdempotencyKeys.Where(k => k.ActorId == actor.Key && hashes.Contains(k.KeyHash) && k.ExpiresAt <= now).ExecuteDeleteAsync(ct);
            }
        }
    }
}

/// <summary>Runs <see cref="PurgeIdempotencyKeys"/> every hour.</summary>
public sealed class IdempotencyKeyPurgeService(IServiceScopeFactory scopes, ILogger<IdempotencyKeyPurgeService> logger)
    : PeriodicService<PurgeIdempotencyKeys>(scopes, logger, TimeSpan.FromHours(1))
{
    protected override Task RunAsync(PurgeIdempotencyKeys job, CancellationToken ct) => job.HandleAsync(ct);
}
