using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Roster.Data;
using Roster.Mail;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Mail;

/// <summary>Outbox chores shared by the mail tests, over a <see cref="RosterFixture"/>'s database and clock.</summary>
public sealed class OutboxHarness(RosterFixture fixture)
{
    public MovableClock Clock => fixture.Clock;

    public static MailOptions Smtp(int port, int maxAttempts = 8) =>
        new() { Smtp = { Host = "127.0.0.1", Port = port }, MaxAttempts = maxAttempts };

    /// <summary>A dispatcher of its own (own owner id), as another node would run.</summary>
    public OutboxDispatcher Dispatcher(MailOptions options, OutboxSignal? signal = null, int claimSize = OutboxDispatcher.DefaultClaimSize) => new(
        fixture.Services.GetRequiredService<IServiceScopeFactory>(),
        MailTransport.Create(options),
        signal ?? new OutboxSignal(),
        Options.Create(options),
        fixture.Clock,
        fixture.Services.GetRequiredService<Roster.Common.RosterMetrics>(),
        fixture.Services.GetRequiredService<ILogger<OutboxDispatcher>>())
    {
        ClaimSize = claimSize,
    };

    /// <summary>Enqueues and commits, as a use case does with its change.</summary>
    public Task<OutboxMessage> CommitAsync(string to, string subject, string body) => fixture.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<RosterDbContext>();
        var message = Outbox.Enqueue(db, to, subject, body, fixture.Clock.GetUtcNow());
        await db.SaveChangesAsync();
        return message;
    });

    public Task<OutboxMessage> RowAsync(long id) =>
        fixture.InScopeAsync(sp => sp.GetRequiredService<RosterDbContext>().Outbox.AsNoTracking().SingleAsync(m => m.Id == id));

    public Task<List<OutboxMessage>> RowsAsync() =>
        fixture.InScopeAsync(sp => sp.GetRequiredService<RosterDbContext>().Outbox.AsNoTracking().OrderBy(m => m.Id).ToListAsync());

    /// <summary>Tests in a class share one database; each starts from an empty outbox.</summary>
    public Task ClearAsync() =>
        fixture.InScopeAsync(sp => sp.GetRequiredService<RosterDbContext>().Outbox.ExecuteDeleteAsync());
}
