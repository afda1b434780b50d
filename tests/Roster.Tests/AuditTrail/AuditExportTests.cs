using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Querying;
using Roster.Tests.Groups;
using Roster.Tests.Infrastructure;
using Trail = Roster.Audit.AuditTrail;

namespace Roster.Tests.AuditTrail;

/// <summary>An audit export reads by the ordering's keys, so entries written while it runs neither repeat nor hide others.</summary>
public sealed class AuditExportTests : IAsyncLifetime
{
    private const int BatchSize = 2;
    private readonly RosterFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();
    public Task DisposeAsync() => _fixture.DisposeAsync();

    private Task<int> RecordAsync(string accountId, string objectId) => _fixture.InScopeAsync(async services =>
    {
        _fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var db = services.GetRequiredService<RosterDbContext>();
        db.Record(Actor.System, AuditAction.GroupUpdated, "group", objectId, objectId, _fixture.Clock.GetUtcNow(), accountId);
        return await db.SaveChangesAsync();
    });

    [Theory]
    [InlineData("")]
    [InlineData("ordering(at,id)")]
    public async Task Export_WhileEntriesAreWritten_HasEveryEarlierEntryOnceInOrder(string ordering)
    {
        var account = await _fixture.NewAccountAsync();
        for (var i = 0; i < 7; i++) await RecordAsync(account.Id, $"before-{i}");
        var query = Rql.Parse("?" + ordering);
        query.Succeeded.ShouldBeTrue();
        var before = await _fixture.InScopeAsync(async services =>
        {
            var page = await services.GetRequiredService<Trail>().ReadAsync(account.Admin, account.Id, query.Value with { Limit = 1000 });
            page.Succeeded.ShouldBeTrue();
            return page.Value.Rows.Select(e => e.ObjectId).ToList();
        });

        var exported = await _fixture.InScopeAsync(async services =>
        {
            var trail = new Trail(services.GetRequiredService<RosterDbContext>(), Options.Create(new ExportOptions { BatchSize = BatchSize }));
            var rows = await trail.ExportAsync(account.Admin, account.Id, query.Value);
            rows.Succeeded.ShouldBeTrue();
            var read = new List<string>();
            await foreach (var entry in rows.Value)
            {
                read.Add(entry.ObjectId);
                // Midway through the second batch, three more changes land at the head of a newest-first export.
                if (read.Count == BatchSize + 1)
                    for (var i = 0; i < 3; i++) await RecordAsync(account.Id, $"during-{i}");
            }
            return read;
        });

        before.Count.ShouldBeGreaterThan(3 * BatchSize);
        exported.Where(id => !id.StartsWith("during-", StringComparison.Ordinal)).ShouldBe(before);
        exported.Distinct().Count().ShouldBe(exported.Count);
    }
}
