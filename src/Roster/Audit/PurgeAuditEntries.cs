using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Roster.Common;

namespace Roster.Audit;

public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>How long entries are kept; zero keeps them forever.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(365);
}

/// <summary>
/// Deletes entries older than the retention period, in small batches so no long transaction locks the table.
/// The only code that deletes entries; nothing updates them. Nodes purging together each delete only what is still
/// there, so every entry is deleted, and counted, once.
/// </summary>
public sealed class PurgeAuditEntries(Data.RosterDbContext db, TimeProvider clock, IOptions<AuditOptions> options)
{
    private const int Batch = 1000;

    public async Task<int> HandleAsync(CancellationToken ct = default)
    {
        var retention = options.Value.Retention;
        if (retention <= TimeSpan.Zero) return 0;
        var cutoff = clock.GetUtcNow() - retention;
        var total = 0;
        while (true)
        {
            var ids = await db.AuditEntries.Where(e => e.At < cutoff).OrderBy(e => e.Id).Select(e => e.Id).Take(Batch).ToListAsync(ct);
            if (ids.Count == 0) return total;
            total += await db.AuditEntries.Where(e => ids.Contains(e.Id)).ExecuteDeleteAsync(ct);
        }
    }
}

/// <summary>Runs <see cref="PurgeAuditEntries"/> every hour.</summary>
public sealed class AuditRetentionService(IServiceScopeFactory scopes, ILogger<AuditRetentionService> logger)
    : PeriodicService<PurgeAuditEntries>(scopes, logger, TimeSpan.FromHours(1))
{
    protected override Task RunAsync(PurgeAuditEntries job, CancellationToken ct) => job.HandleAsync(ct);
}
