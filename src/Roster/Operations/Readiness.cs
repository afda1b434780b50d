using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roster.Data;
using Roster.Mail;

namespace Roster.Operations;

/// <summary>How long a due mail may wait before the outbox counts as stuck; bound from <c>Health</c>.</summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>
    /// A message that has been due this long without being sent means no dispatcher is claiming mail (every node
    /// polls every few seconds). A message waiting out a retry after a failed delivery is not due, so a relay that
    /// refuses mail shows in the failure counter, not here.
    /// </summary>
    public TimeSpan OutboxStuckAfter { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>What a load balancer asks before sending this node traffic: each condition, and why it failed.</summary>
public sealed record ReadinessReport(string? Database, string? Migrations, string? Outbox)
{
    public bool Ready => Database is null && Migrations is null && Outbox is null;
}

/// <summary>
/// Whether this node can serve: the database answers, its schema has every migration this build knows (a node of a
/// newer build waits while an older one still runs the database), and the outbox is moving.
/// </summary>
public sealed class Readiness(RosterDbContext db, TimeProvider clock, IOptions<HealthOptions> health, IOptions<MailOptions> mail)
{
    public Task<bool> CanConnectAsync(CancellationToken ct) => db.Database.CanConnectAsync(ct);

    public async Task<ReadinessReport> CheckAsync(CancellationToken ct)
    {
        if (!await CanConnectAsync(ct)) return new("The database cannot be reached.", null, null);
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        var migrations = pending.Count == 0 ? null : $"{pending.Count} migration(s) not applied, the first {pending[0]}.";
        var since = clock.GetUtcNow() - health.Value.OutboxStuckAfter;
        var maxAttempts = mail.Value.MaxAttempts;
        var stuck = await db.Outbox.AsNoTracking()
            .Where(m => m.SentAt == null && m.Attempts < maxAttempts && m.NextAttemptAt <= since)
            .CountAsync(ct);
        var outbox = stuck == 0 ? null : $"{stuck} mail(s) due for more than {health.Value.OutboxStuckAfter} and not sent.";
        return new(null, migrations, outbox);
    }
}
