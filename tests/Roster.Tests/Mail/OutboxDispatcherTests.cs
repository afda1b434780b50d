using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roster.Data;
using Roster.Mail;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Mail;

public sealed class OutboxDispatcherTests(RosterFixture fixture, SmtpServerFixture smtp)
    : IClassFixture<RosterFixture>, IClassFixture<SmtpServerFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly OutboxHarness _outbox = new(fixture);

    public Task InitializeAsync()
    {
        smtp.Clear();
        return _outbox.ClearAsync();
    }
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Dispatch_CommittedMessage_ReachesServerOnceWithSubjectBodyAndMessageId()
    {
        var message = await _outbox.CommitAsync("anna@example.com", "Einladung für Müller & Co ✓", "Hallo Anna,\nbitte hier klicken: ü ß €\n");
        var dispatcher = _outbox.Dispatcher(OutboxHarness.Smtp(smtp.Port));

        (await dispatcher.DispatchOnceAsync(default)).ShouldBe(1);
        (await dispatcher.DispatchOnceAsync(default)).ShouldBe(0);

        var received = (await smtp.WaitForMessagesAsync(1, Patience)).ShouldHaveSingleItem();
        received.To.ShouldBe("anna@example.com");
        received.Subject.ShouldBe("Einladung für Müller & Co ✓");
        received.Body.TrimEnd('\n').ShouldBe("Hallo Anna,\nbitte hier klicken: ü ß €");
        received.MessageId.ShouldBe(message.MessageId);
        received.Headers["From"].ShouldContain("roster@localhost");
        var row = await _outbox.RowAsync(message.Id);
        row.SentAt.ShouldBe(_outbox.Clock.GetUtcNow());
        row.Attempts.ShouldBe(1);
        row.ClaimedBy.ShouldBeNull();
    }

    [Fact]
    public async Task Dispatch_MessageRolledBackOrNeverSaved_IsNeverSent()
    {
        await fixture.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<RosterDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            Outbox.Enqueue(db, "rolled@example.com", "Rolled back", "-", _outbox.Clock.GetUtcNow());
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
            return 0;
        });
        await fixture.InScopeAsync(sp =>
            Task.FromResult(Outbox.Enqueue(sp.GetRequiredService<RosterDbContext>(), "unsaved@example.com", "Never saved", "-", _outbox.Clock.GetUtcNow())));
        var committed = await _outbox.CommitAsync("kept@example.com", "Committed", "-");

        (await _outbox.Dispatcher(OutboxHarness.Smtp(smtp.Port)).DispatchOnceAsync(default)).ShouldBe(1);

        smtp.Messages.ShouldHaveSingleItem().MessageId.ShouldBe(committed.MessageId);
        (await _outbox.RowsAsync()).ShouldHaveSingleItem().Id.ShouldBe(committed.Id);
    }

    [Fact]
    public async Task Dispatch_SmtpServerDown_BacksOffKeepsMessageAndDeliversOnceWhenServerIsBack()
    {
        var port = SmtpServerFixture.FreePort();
        var dispatcher = _outbox.Dispatcher(OutboxHarness.Smtp(port));
        var message = await _outbox.CommitAsync("bob@example.com", "Hello", "Body");
        var firstTry = _outbox.Clock.GetUtcNow();

        (await dispatcher.DispatchOnceAsync(default)).ShouldBe(0);
        var row = await _outbox.RowAsync(message.Id);
        (row.Attempts, row.NextAttemptAt, row.SentAt, row.ClaimedBy).ShouldBe((1, firstTry.AddSeconds(30), null, null));
        row.LastError.ShouldNotBeNullOrEmpty();

        (await dispatcher.DispatchOnceAsync(default)).ShouldBe(0);
        (await _outbox.RowAsync(message.Id)).Attempts.ShouldBe(1, "not due before its backoff ends");

        _outbox.Clock.Advance(TimeSpan.FromSeconds(30));
        var secondTry = _outbox.Clock.GetUtcNow();
        (await dispatcher.DispatchOnceAsync(default)).ShouldBe(0);
        row = await _outbox.RowAsync(message.Id);
        (row.Attempts, row.NextAttemptAt).ShouldBe((2, secondTry.AddSeconds(60)));

        await using var revived = await SmtpServerFixture.StartAsync(port);
        _outbox.Clock.Advance(TimeSpan.FromSeconds(60));
        (await dispatcher.DispatchOnceAsync(default)).ShouldBe(1);
        (await dispatcher.DispatchOnceAsync(default)).ShouldBe(0);

        (await revived.WaitForMessagesAsync(1, Patience)).ShouldHaveSingleItem().MessageId.ShouldBe(message.MessageId);
        row = await _outbox.RowAsync(message.Id);
        (row.Attempts, row.SentAt).ShouldBe((3, _outbox.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task Dispatch_MaxAttemptsReached_StopsTryingAndKeepsLastError()
    {
        var port = SmtpServerFixture.FreePort();
        var dispatcher = _outbox.Dispatcher(OutboxHarness.Smtp(port, maxAttempts: 3));
        var message = await _outbox.CommitAsync("carol@example.com", "Hello", "Body");
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            (await dispatcher.DispatchOnceAsync(default)).ShouldBe(0);
            (await _outbox.RowAsync(message.Id)).Attempts.ShouldBe(attempt);
            _outbox.Clock.Advance(TimeSpan.FromHours(2));
        }

        await using var revived = await SmtpServerFixture.StartAsync(port);
        (await dispatcher.DispatchOnceAsync(default)).ShouldBe(0);

        revived.Messages.ShouldBeEmpty();
        var row = await _outbox.RowAsync(message.Id);
        (row.Attempts, row.SentAt, row.ClaimedBy).ShouldBe((3, null, null));
        row.LastError.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Dispatch_TwoDispatchersConcurrently_DeliverEachOfFiftyMessagesExactlyOnce()
    {
        var ids = await fixture.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<RosterDbContext>();
            var messages = Enumerable.Range(1, 50)
                .Select(i => Outbox.Enqueue(db, $"user{i}@example.com", $"Message {i}", $"Body {i}", _outbox.Clock.GetUtcNow()))
                .ToList();
            await db.SaveChangesAsync();
            return messages.Select(m => m.MessageId).ToList();
        });
        var first = _outbox.Dispatcher(OutboxHarness.Smtp(smtp.Port));
        var second = _outbox.Dispatcher(OutboxHarness.Smtp(smtp.Port));

        var delivered = await Task.WhenAll(
            Task.Run(() => first.DispatchOnceAsync(default)),
            Task.Run(() => second.DispatchOnceAsync(default)));

        delivered.Sum().ShouldBe(50);
        var received = await smtp.WaitForMessagesAsync(50, Patience);
        received.Select(m => m.MessageId).Order().ShouldBe(ids.Order());
        (await _outbox.RowsAsync()).ShouldAllBe(m => m.SentAt != null && m.Attempts == 1);
    }

    [Fact]
    public async Task Dispatch_WhileAnotherNodesClaimIsUncommitted_WaitsAndThenLeavesItsMessagesAlone()
    {
        for (var i = 0; i < 3; i++) await _outbox.CommitAsync($"user{i}@example.com", "Hello", "Body");
        var leaseEnd = _outbox.Clock.GetUtcNow().AddMinutes(10);
        var dispatcher = _outbox.Dispatcher(OutboxHarness.Smtp(smtp.Port));

        await using (var otherNode = fixture.Services.CreateAsyncScope())
        {
            var db = otherNode.ServiceProvider.GetRequiredService<RosterDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Outbox.ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, "node-a/1").SetProperty(m => m.ClaimedUntil, leaseEnd));
            var dispatching = Task.Run(() => dispatcher.DispatchOnceAsync(default));
            // On PostgreSQL, make sure our claim already picked these rows and waits on their locks, so it has to
            // re-check them after the other node commits. (SQLite runs one writer at a time, so it cannot overlap.)
            if (db.Provider == DatabaseProvider.Postgres) await WaitForLockWaitAsync();
            await transaction.CommitAsync();

            (await dispatching).ShouldBe(0);
        }

        smtp.Messages.ShouldBeEmpty();
        (await _outbox.RowsAsync()).ShouldAllBe(m => m.ClaimedBy == "node-a/1" && m.SentAt == null && m.Attempts == 0);
    }

    private async Task WaitForLockWaitAsync()
    {
        var deadline = DateTime.UtcNow + Patience;
        while (await fixture.InScopeAsync(sp => sp.GetRequiredService<RosterDbContext>().Database
                   .SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()")
                   .SingleAsync()) == 0)
        {
            if (DateTime.UtcNow >= deadline) throw new TimeoutException("The dispatcher never waited on the other node's locks.");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Dispatch_MessageClaimedByAnotherNode_WaitsUntilThatLeaseExpires()
    {
        var message = await _outbox.CommitAsync("dave@example.com", "Hello", "Body");
        var leaseEnd = _outbox.Clock.GetUtcNow().AddMinutes(5);
        await fixture.InScopeAsync(sp => sp.GetRequiredService<RosterDbContext>().Outbox
            .Where(m => m.Id == message.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, "a-node-that-died/1").SetProperty(m => m.ClaimedUntil, leaseEnd)));
        var dispatcher = _outbox.Dispatcher(OutboxHarness.Smtp(smtp.Port));

        (await dispatcher.DispatchOnceAsync(default)).ShouldBe(0);
        _outbox.Clock.Advance(TimeSpan.FromMinutes(5));
        (await dispatcher.DispatchOnceAsync(default)).ShouldBe(0, "the lease ends after its last instant, not at it");
        _outbox.Clock.Advance(TimeSpan.FromSeconds(1));
        (await dispatcher.DispatchOnceAsync(default)).ShouldBe(1);

        (await smtp.WaitForMessagesAsync(1, Patience)).ShouldHaveSingleItem().MessageId.ShouldBe(message.MessageId);
    }

    [Fact]
    public async Task Renew_AfterAnotherNodeTookALapsedClaim_ExtendsAndReturnsOnlyWhatIsStillHeld()
    {
        for (var i = 0; i < 3; i++) await _outbox.CommitAsync($"user{i}@example.com", "Hello", "Body");
        var start = _outbox.Clock.GetUtcNow();
        await fixture.InScopeAsync(sp => Outbox.ClaimAsync(sp.GetRequiredService<RosterDbContext>(), "node-a/1", start, start + OutboxDispatcher.Lease, 8, 10, default));
        _outbox.Clock.Advance(OutboxDispatcher.Lease + TimeSpan.FromSeconds(1));
        var now = _outbox.Clock.GetUtcNow();
        var taken = await fixture.InScopeAsync(sp => Outbox.ClaimAsync(sp.GetRequiredService<RosterDbContext>(), "node-b/1", now, now + OutboxDispatcher.Lease, 8, 1, default));

        var kept = await fixture.InScopeAsync(sp => Outbox.RenewAsync(sp.GetRequiredService<RosterDbContext>(), "node-a/1", now + OutboxDispatcher.Lease, default));

        var rows = await _outbox.RowsAsync();
        kept.Order().ShouldBe(rows.Where(m => m.Id != taken.Single().Id).Select(m => m.Id));
        rows.ShouldAllBe(m => m.ClaimedUntil == now + OutboxDispatcher.Lease);
        rows.Single(m => m.Id == taken.Single().Id).ClaimedBy.ShouldBe("node-b/1");
    }

    [Fact]
    public async Task Poke_AfterCommit_RunningDispatcherSendsWithoutWaitingForThePoll()
    {
        var signal = new OutboxSignal();
        var options = OutboxHarness.Smtp(smtp.Port);
        options.PollInterval = TimeSpan.FromHours(1);
        using var dispatcher = _outbox.Dispatcher(options, signal);
        await dispatcher.StartAsync(default);
        try
        {
            // Whichever pass sends the first message, the loop then sleeps for an hour unless poked.
            var first = await _outbox.CommitAsync("erin@example.com", "First", "-");
            signal.Poke();
            await smtp.WaitForMessagesAsync(1, Patience);
            var second = await _outbox.CommitAsync("erin@example.com", "Second", "-");
            signal.Poke();

            var received = await smtp.WaitForMessagesAsync(2, Patience);
            received.Select(m => m.MessageId).ShouldBe([first.MessageId, second.MessageId], ignoreOrder: true);
        }
        finally
        {
            await dispatcher.StopAsync(default);
        }
    }
}
