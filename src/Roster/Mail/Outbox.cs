using System.Net.Mail;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;

namespace Roster.Mail;

/// <summary>
/// The outbox table's operations. <see cref="Enqueue"/> is how the rest of Roster sends mail; the others are the
/// dispatcher's claim-send-record cycle, each one statement so that concurrent dispatchers cannot interleave inside it.
/// </summary>
public static class Outbox
{
    /// <summary>
    /// Adds the message to <paramref name="db"/> without saving, so it commits or rolls back with the caller's change.
    /// After SaveChanges, poke <see cref="OutboxSignal"/> so it goes out now rather than at the next poll.
    /// </summary>
    public static OutboxMessage Enqueue(RosterDbContext db, string to, string subject, string body, DateTimeOffset now)
    {
        // It would fail on every delivery attempt, so it is the caller's bug, not a delivery problem.
        if (!MailAddress.TryCreate(to, out _))
            throw new ArgumentException($"'{to}' is not a mail address.", nameof(to));

        // Subjects name accounts and people, and names stored before line breaks were refused may still hold them.
        var message = OutboxMessage.Create(to, Names.OneLine(subject), body, now);
        db.Outbox.Add(message);
        return message;
    }

    /// <summary>Claims up to <paramref name="limit"/> due messages for <paramref name="claim"/> and returns them.</summary>
    internal static async Task<List<OutboxMessage>> ClaimAsync(
        RosterDbContext db, string claim, DateTimeOffset now, DateTimeOffset until, int maxAttempts, int limit, CancellationToken ct)
    {
        var batch = Due(db.Outbox, now, maxAttempts).OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Take(limit).Select(m => m.Id);
        // The due conditions are repeated on the updated row, not only in the subquery that picks the batch: when two
        // nodes race on PostgreSQL, the one that waited on the row lock re-checks them on the committed row and skips it.
        await Due(db.Outbox, now, maxAttempts)
            .Where(m => batch.Contains(m.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, claim).SetProperty(m => m.ClaimedUntil, until), ct);
        return await db.Outbox.AsNoTracking().Where(m => m.ClaimedBy == claim).OrderBy(m => m.Id).ToListAsync(ct);
    }

    /// <summary>
    /// Extends the lease on the claim's unsent messages and returns the ids still held. A message another node claimed
    /// after this lease lapsed is no longer this claim's, so it is neither renewed nor returned.
    /// </summary>
    internal static async Task<HashSet<long>> RenewAsync(RosterDbContext db, string claim, DateTimeOffset until, CancellationToken ct)
    {
        var held = db.Outbox.Where(m => m.ClaimedBy == claim && m.SentAt == null);
        await held.ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedUntil, until), ct);
        return (await held.Select(m => m.Id).ToListAsync(ct)).ToHashSet();
    }

    private static IQueryable<OutboxMessage> Due(IQueryable<OutboxMessage> outbox, DateTimeOffset now, int maxAttempts) =>
        outbox.Where(m => m.SentAt == null && m.Attempts < maxAttempts && m.NextAttemptAt <= now
                          && (m.ClaimedUntil == null || m.ClaimedUntil < now));

    /// <summary>
    /// Records a group of messages the server accepted, in one statement. Not conditional on the claim: once the
    /// server has the mail, recording that matters more than whose lease it was, and it keeps the message from being
    /// claimed again.
    /// </summary>
    internal static Task MarkSentAsync(RosterDbContext db, IReadOnlyCollection<long> ids, DateTimeOffset now) =>
        db.Outbox.Where(m => ids.Contains(m.Id) && m.SentAt == null).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.SentAt, now)
            .SetProperty(m => m.Attempts, m => m.Attempts + 1)
            .SetProperty(m => m.ClaimedBy, (string?)null)
            .SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null), CancellationToken.None);

    internal static Task MarkFailedAsync(
        RosterDbContext db, string claim, OutboxMessage message, string error, DateTimeOffset retryAt, CancellationToken ct) =>
        db.Outbox.Where(m => m.Id == message.Id && m.ClaimedBy == claim).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Attempts, message.Attempts + 1)
            .SetProperty(m => m.LastError, error)
            .SetProperty(m => m.NextAttemptAt, retryAt)
            .SetProperty(m => m.ClaimedBy, (string?)null)
            .SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null), ct);

    /// <summary>Hands unsent claimed messages back at shutdown, so other nodes need not wait out the lease.</summary>
    internal static Task ReleaseAsync(RosterDbContext db, string claim) =>
        db.Outbox.Where(m => m.ClaimedBy == claim && m.SentAt == null).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.ClaimedBy, (string?)null)
            .SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null), CancellationToken.None);
}
