using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.AuditTrail;

public sealed class AuditRetentionTests : IAsyncLifetime
{
    private readonly RosterFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();
    public Task DisposeAsync() => _fixture.DisposeAsync();

    private Task<int> RecordAsync(string objectId) => _fixture.InScopeAsync(async services =>
    {
        var db = services.GetRequiredService<RosterDbContext>();
        db.Record(Actor.System, AuditAction.InvitationExpired, "user", objectId, null, _fixture.Clock.GetUtcNow(), "AC-000-000-001");
        return await db.SaveChangesAsync();
    });

    private Task<List<string>> RemainingAsync() => _fixture.InScopeAsync(services =>
        services.GetRequiredService<RosterDbContext>().AuditEntries.OrderBy(e => e.Id).Select(e => e.ObjectId).ToListAsync());

    [Fact]
    public async Task Purge_DeletesOnlyEntriesOlderThanTheRetention()
    {
        await RecordAsync("old");
        _fixture.Clock.Advance(TimeSpan.FromDays(200));
        await RecordAsync("recent");
        _fixture.Clock.Advance(TimeSpan.FromDays(166));

        var deleted = await _fixture.RunAsync<int, PurgeAuditEntries>(p => p.HandleAsync());

        deleted.ShouldBe(1);
        (await RemainingAsync()).ShouldBe(["recent"]);
    }

    [Fact]
    public async Task Purge_WithZeroRetention_KeepsEverything()
    {
        await RecordAsync("ancient");
        _fixture.Clock.Advance(TimeSpan.FromDays(5000));

        var deleted = await _fixture.InScopeAsync(services => new PurgeAuditEntries(
            services.GetRequiredService<RosterDbContext>(), _fixture.Clock, Options.Create(new AuditOptions { Retention = TimeSpan.Zero })).HandleAsync());

        deleted.ShouldBe(0);
        (await RemainingAsync()).ShouldContain("ancient");
    }
}
