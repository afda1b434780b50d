using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roster.Common;
using Roster.Data;
using Roster.Mail;
using Roster.Sessions;

namespace Roster.Operations;

/// <summary>
/// Counts what the gauges report (the outbox's depth and oldest mail, the sessions alive) in three indexed or small
/// queries, at most once per <see cref="MinimumInterval"/> however often it is asked (each scrape asks, and so does a
/// timer while OTLP exports).
/// </summary>
public sealed class OperationalSample(
    RosterDbContext db, RosterMetrics metrics, TimeProvider clock, IOptions<MailOptions> mail, IOptions<SessionPolicy> sessions)
{
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(5);

    public async Task RefreshAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (now - metrics.State.SampledAt < MinimumInterval) return;
        var maxAttempts = mail.Value.MaxAttempts;
        var waiting = db.Outbox.AsNoTracking().Where(m => m.SentAt == null && m.Attempts < maxAttempts);
        var depth = await waiting.LongCountAsync(ct);
        var oldest = depth == 0 ? (DateTimeOffset?)null : await waiting.OrderBy(m => m.CreatedAt).Select(m => (DateTimeOffset?)m.CreatedAt).FirstOrDefaultAsync(ct);
        var (idle, absolute) = (now - sessions.Value.IdleTimeout, now - sessions.Value.AbsoluteTimeout);
        var alive = await db.Sessions.AsNoTracking()
            .LongCountAsync(s => s.Status == SessionStatus.Active && s.LastSeenAt > idle && s.CreatedAt > absolute, ct);
        metrics.State = new(depth, oldest is null ? 0 : Math.Max(0, (now - oldest.Value).TotalSeconds), alive, now);
    }
}
