using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Roster.Common;
using Roster.Data;

namespace Roster.Mail;

/// <summary>
/// Sends committed outbox messages. Several nodes may run one each over the same database: a message is sent only by
/// the dispatcher whose conditional UPDATE claimed it, and a claim is a short lease that the dispatcher renews while it
/// works, so a node that dies mid-batch delays its messages by the lease at most (ADR 0010).
/// </summary>
public sealed class OutboxDispatcher(
    IServiceScopeFactory scopes,
    MailTransport transport,
    OutboxSignal signal,
    IOptions<MailOptions> options,
    TimeProvider clock,
    RosterMetrics metrics,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    /// <summary>
    /// Messages claimed at once: one claim costs two statements whatever its size, and a claim's messages still go
    /// out a group at a time under a renewed lease, so a larger claim holds nothing longer than it needs.
    /// </summary>
    internal int ClaimSize { get; init; } = DefaultClaimSize;

    internal const int DefaultClaimSize = 200;
    internal static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(30);
    // Time to record the outcomes of a group of sends after the last of them returns.
    private static readonly TimeSpan RecordTime = TimeSpan.FromSeconds(10);
    // One group of sends at the send timeout and their recording, with room to spare. A group starts only while the
    // lease covers both, renewing it first when it does not, so a live dispatcher never sends past its lease; a dead
    // one's claims lapse at most this long after the kill, and with the next poll its mail is out within a minute.
    internal static readonly TimeSpan Lease = TimeSpan.FromSeconds(45);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromHours(1);

    private readonly SemaphoreSlim _pass = new(1, 1);

    private int Connections => options.Value.Smtp.Connections;
    private long _round;

    /// <summary>Random per dispatcher (one per process), so two nodes never mistake each other's claims for their own.</summary>
    public string Owner { get; } = Guid.NewGuid().ToString("N");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // the first pass must not hold up host start
        while (true)
        {
            try
            {
                await DispatchOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A database outage must not end mail for the life of the process: log it and try again next poll.
                logger.LogError(e, "Mail dispatch failed; next try in {PollInterval}.", options.Value.PollInterval);
            }
            try
            {
                await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Sends every message that is due now; returns how many were delivered.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken ct)
    {
        // One pass at a time per dispatcher: a pass recognises its rows by its own claim.
        await _pass.WaitAsync(ct);
        try
        {
            var delivered = 0;
            while (true)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<RosterDbContext>();
                var now = clock.GetUtcNow();
                var (claim, until) = ($"{Owner}/{++_round}", now + Lease);
                var messages = await Outbox.ClaimAsync(db, claim, now, until, options.Value.MaxAttempts, ClaimSize, ct);
                if (messages.Count == 0) return delivered;
                try
                {
                    // One message per connection at a time, and the group's outcomes in one statement once the last of
                    // them returns: a crash between the server's acceptance and that statement sends again only the
                    // messages of that group, at most one per connection, each with the Message-ID of its first copy.
                    foreach (var group in messages.Chunk(Connections))
                    {
                        var chunk = group;
                        if (clock.GetUtcNow() + SendTimeout + RecordTime > until)
                        {
                            // The heartbeat: only while working does a claim stay alive. Messages whose lease lapsed
                            // and another node claimed meanwhile are left to it rather than sent twice.
                            until = clock.GetUtcNow() + Lease;
                            var kept = await Outbox.RenewAsync(db, claim, until, ct);
                            chunk = chunk.Where(m => kept.Contains(m.Id)).ToArray();
                        }
                        var errors = await Task.WhenAll(chunk.Select(message => TrySendAsync(message, ct)));
                        delivered += await RecordAsync(db, claim, chunk, errors, ct);
                    }
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    await Outbox.ReleaseAsync(db, claim);
                    throw;
                }
            }
        }
        finally
        {
            _pass.Release();
        }
    }

    /// <summary>Hands the message to the transport; returns why it failed, or null when it was handed over.</summary>
    private async Task<string?> TrySendAsync(OutboxMessage message, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(SendTimeout);
        try
        {
            await transport.SendAsync(message, timeout.Token);
            return null;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            return Describe(e);
        }
    }

    /// <summary>Writes a group's outcomes: the accepted ones together, each failure with its own error; returns how many were sent.</summary>
    private async Task<int> RecordAsync(
        RosterDbContext db, string claim, OutboxMessage[] group, string?[] errors, CancellationToken ct)
    {
        var sent = group.Where((_, i) => errors[i] is null).Select(m => m.Id).ToList();
        try
        {
            if (sent.Count > 0)
            {
                await Outbox.MarkSentAsync(db, sent, clock.GetUtcNow());
                metrics.MailsSent.Add(sent.Count);
            }
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // The claim stays until its lease ends; then these are tried again, each with the same Message-ID.
            logger.LogError(e, "Could not record that {Count} mails were sent (outbox {Ids}).", sent.Count, string.Join(", ", sent));
            sent.Clear();
        }
        for (var i = 0; i < group.Length; i++)
            if (errors[i] is { } error) await RecordFailureAsync(db, claim, group[i], error, ct);
        return sent.Count;
    }

    private async Task RecordFailureAsync(RosterDbContext db, string claim, OutboxMessage message, string error, CancellationToken ct)
    {
        var attempts = message.Attempts + 1;
        var retryAt = clock.GetUtcNow() + Backoff(attempts);
        try
        {
            await Outbox.MarkFailedAsync(db, claim, message, error, retryAt, ct);
            metrics.MailsFailed.Add(1, new KeyValuePair<string, object?>("final", attempts >= options.Value.MaxAttempts));
            if (attempts >= options.Value.MaxAttempts)
                logger.LogError("Mail {MessageId} (outbox {Id}) given up after {Attempts} attempts: {Error}", message.MessageId, message.Id, attempts, error);
            else
                logger.LogWarning("Mail {MessageId} (outbox {Id}) failed, retry at {RetryAt}: {Error}", message.MessageId, message.Id, retryAt, error);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogError(e, "Could not record the outcome of mail {MessageId} (outbox {Id}).", message.MessageId, message.Id);
        }
    }

    /// <summary>30 s after the first failure, doubling each time, never more than an hour.</summary>
    internal static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(FirstRetry.TotalSeconds * Math.Pow(2, Math.Min(attempts - 1, 30)), LongestRetry.TotalSeconds));

    private static string Describe(Exception e)
    {
        var parts = new List<string>();
        for (var x = e; x is not null; x = x.InnerException) parts.Add($"{x.GetType().Name}: {x.Message}");
        var text = string.Join(" -> ", parts);
        return text.Length <= 2000 ? text : text[..2000];
    }

    public override void Dispose()
    {
        _pass.Dispose();
        base.Dispose();
    }
}
