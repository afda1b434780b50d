using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roster.Data;
using Roster.Mail;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Mail;

/// <summary>
/// The dispatcher claims many messages at once, sends them a group at a time (one per connection) and records each
/// group's deliveries together: every message still reaches the server exactly once, failures are retried alone, and
/// dispatchers of several nodes never send one message twice.
/// </summary>
public sealed class OutboxBatchTests(RosterFixture fixture, SmtpServerFixture smtp)
    : IClassFixture<RosterFixture>, IClassFixture<SmtpServerFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly OutboxHarness _outbox = new(fixture);

    public Task InitializeAsync()
    {
        smtp.Clear();
        return _outbox.ClearAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Dispatch_FortyMessagesOverFourConnections_RecordsEachGroupsDeliveriesInOneStatement()
    {
        var ids = await CommitManyAsync(40);
        var options = OutboxHarness.Smtp(smtp.Port);
        options.Smtp.Connections = 4;
        var dispatcher = _outbox.Dispatcher(options);
        using var statements = await CountStatementsAsync();

        (await dispatcher.DispatchOnceAsync(default)).ShouldBe(40);

        // One claim of all forty, ten groups of four each recorded by one statement, and the claim that found none left.
        statements.Updates.ShouldBe(1 + 10 + 1);
        (await smtp.WaitForMessagesAsync(40, Patience)).Select(m => m.MessageId).Order().ShouldBe(ids.Order());
        (await _outbox.RowsAsync()).ShouldAllBe(m => m.SentAt == _outbox.Clock.GetUtcNow() && m.Attempts == 1 && m.ClaimedBy == null);
    }

    [Fact]
    public async Task Dispatch_GroupWithOneMessageTheServerRefuses_MarksTheOthersSentAndRetriesOnlyThatOne()
    {
        await CommitManyAsync(2);
        // A mailbox name in Unicode, to a server that does not offer SMTPUTF8: a real failure among successes.
        var refused = await _outbox.CommitAsync("jürgen@example.com", "Hello", "Body");
        await CommitManyAsync(2, from: 2);
        var options = OutboxHarness.Smtp(smtp.Port);
        options.Smtp.Connections = 5;
        var dispatcher = _outbox.Dispatcher(options);
        var firstTry = _outbox.Clock.GetUtcNow();

        (await dispatcher.DispatchOnceAsync(default)).ShouldBe(4);

        (await smtp.WaitForMessagesAsync(4, Patience)).Select(m => m.To).ShouldNotContain("jürgen@example.com");
        var rows = await _outbox.RowsAsync();
        rows.Where(m => m.Id != refused.Id).ShouldAllBe(m => m.SentAt == firstTry && m.Attempts == 1 && m.LastError == null);
        var failed = rows.Single(m => m.Id == refused.Id);
        (failed.SentAt, failed.Attempts, failed.NextAttemptAt, failed.ClaimedBy).ShouldBe((null, 1, firstTry.AddSeconds(30), null));
        failed.LastError.ShouldNotBeNullOrEmpty();

        _outbox.Clock.Advance(TimeSpan.FromSeconds(30));
        (await dispatcher.DispatchOnceAsync(default)).ShouldBe(0);
        (await _outbox.RowAsync(refused.Id)).Attempts.ShouldBe(2, "retried alone, and refused again");
        smtp.Messages.Count.ShouldBe(4);
    }

    [Fact]
    public async Task Dispatch_TwoNodesWithSmallClaimsRacing_DeliverEachOfSixtyMessagesExactlyOnce()
    {
        var ids = await CommitManyAsync(60);
        var options = OutboxHarness.Smtp(smtp.Port);
        options.Smtp.Connections = 3;
        // Claims smaller than the outbox, so the nodes claim again and again beside each other until it is empty.
        var nodes = new[] { _outbox.Dispatcher(options, claimSize: 7), _outbox.Dispatcher(options, claimSize: 5) };

        var delivered = await Task.WhenAll(nodes.Select(node => Task.Run(async () =>
        {
            var total = 0;
            for (var sent = -1; sent != 0; total += sent) sent = await node.DispatchOnceAsync(default);
            return total;
        })));

        delivered.Sum().ShouldBe(60);
        var received = await smtp.WaitForMessagesAsync(60, Patience);
        received.Select(m => m.MessageId).Order().ShouldBe(ids.Order());
        (await _outbox.RowsAsync()).ShouldAllBe(m => m.SentAt != null && m.Attempts == 1 && m.ClaimedBy == null);
    }

    private async Task<List<string>> CommitManyAsync(int count, int from = 0) => await fixture.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<RosterDbContext>();
        var messages = Enumerable.Range(from, count)
            .Select(i => Outbox.Enqueue(db, $"reader{i}@example.com", $"Message {i}", $"Body {i}", _outbox.Clock.GetUtcNow()))
            .ToList();
        await db.SaveChangesAsync();
        return messages.Select(m => m.MessageId).ToList();
    });

    private Task<OutboxStatements> CountStatementsAsync() => fixture.InScopeAsync(sp =>
        Task.FromResult(OutboxStatements.On(sp.GetRequiredService<RosterDbContext>().Database.GetDbConnection())));
}
