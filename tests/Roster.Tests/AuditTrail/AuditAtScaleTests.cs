using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Querying;
using Roster.Tests.Groups;
using Roster.Tests.Infrastructure;
using Trail = Roster.Audit.AuditTrail;

namespace Roster.Tests.AuditTrail;

/// <summary>
/// The trail's totals come from counters the database keeps and its search from a trigram index: both must answer
/// exactly what counting and scanning the entries answers, through inserts and purges, in one account only.
/// </summary>
public sealed class AuditAtScaleTests : IAsyncLifetime
{
    private readonly RosterFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();
    public Task DisposeAsync() => _fixture.DisposeAsync();

    private Task<int> RecordAsync(string? accountId, AuditAction action, string objectId, string? objectName = null, object? changes = null,
        Actor? actor = null) => _fixture.InScopeAsync(async services =>
    {
        var db = services.GetRequiredService<RosterDbContext>();
        db.Record(actor ?? Actor.System, action, "group", objectId, objectName, _fixture.Clock.GetUtcNow(), accountId, changes);
        return await db.SaveChangesAsync();
    });

    private Task<RqlPage<AuditEntryView>> ReadAsync(TestAccount account, string rql) => _fixture.InScopeAsync(async services =>
    {
        var query = Rql.Parse("?" + rql);
        query.Succeeded.ShouldBeTrue();
        var page = await services.GetRequiredService<Trail>().ReadAsync(account.Admin, account.Id, query.Value with { Limit = 1000 });
        page.Succeeded.ShouldBeTrue();
        return page.Value;
    });

    private Task<long> CountAsync(string accountId, params AuditAction[] actions) => _fixture.DbAsync(db =>
        db.AuditEntries.LongCountAsync(e => e.AccountId == accountId && (actions.Length == 0 || actions.Contains(e.Action))));

    [Fact]
    public async Task Totals_ThroughInsertsAndPurges_AreTheCountsOfTheAccountsEntries()
    {
        var account = await _fixture.NewAccountAsync();
        var other = await _fixture.NewAccountAsync();
        for (var i = 0; i < 3; i++) await RecordAsync(account.Id, AuditAction.GroupUpdated, $"old-{i}");
        await RecordAsync(account.Id, AuditAction.GroupDeleted, "old-deleted");
        await RecordAsync(other.Id, AuditAction.GroupUpdated, "elsewhere");
        await RecordAsync(null, AuditAction.GroupUpdated, "personal");
        _fixture.Clock.Advance(TimeSpan.FromDays(300));
        for (var i = 0; i < 2; i++) await RecordAsync(account.Id, AuditAction.GroupUpdated, $"new-{i}");
        await RecordAsync(account.Id, AuditAction.GroupCreated, "new-created");
        _fixture.Clock.Advance(TimeSpan.FromDays(100));
        (await _fixture.RunAsync<int, PurgeAuditEntries>(p => p.HandleAsync())).ShouldBeGreaterThan(4);

        (await ReadAsync(account, "")).Total.ShouldBe(await CountAsync(account.Id));
        (await ReadAsync(account, "eq(action.name,group_updated)")).Total.ShouldBe(2);
        (await ReadAsync(account, "eq(action,1201)")).Total.ShouldBe(2);
        (await ReadAsync(account, "in(action.id,(group_updated,1200,group_deleted))")).Total.ShouldBe(3);
        (await ReadAsync(account, "eq(action.name,group_deleted)")).Total.ShouldBe(0);
        (await ReadAsync(other, "")).Total.ShouldBe(await CountAsync(other.Id));
    }

    [Theory]
    [InlineData("quill")]
    [InlineData("QUILL")]
    [InlineData("*quill*")]
    [InlineData("ill")]
    [InlineData("qu")]
    [InlineData("50%")]
    [InlineData("a_b")]
    [InlineData("quïll")]
    [InlineData("q*ll")]
    [InlineData("UG-7")]
    public async Task Search_ThroughTheIndex_FindsWhatScanningEveryEntryFinds(string term)
    {
        var account = await _fixture.NewAccountAsync();
        var other = await _fixture.NewAccountAsync();
        var writer = new Actor(ActorKind.User, "SU-QUILL-1", "Ada Quillfeather", account.Id);
        await RecordAsync(account.Id, AuditAction.GroupUpdated, "in-actor", actor: writer);
        await RecordAsync(account.Id, AuditAction.GroupUpdated, "UG-7-quill", "plain");
        await RecordAsync(account.Id, AuditAction.GroupUpdated, "in-name", "The Quill Room");
        await RecordAsync(account.Id, AuditAction.GroupUpdated, "in-changes", "plain", new { member = "quill@example.com" });
        await RecordAsync(account.Id, AuditAction.GroupUpdated, "percent", "50% off", new { rule = "a_b" });
        await RecordAsync(account.Id, AuditAction.GroupUpdated, "accented", "Quïll");
        await RecordAsync(account.Id, AuditAction.GroupUpdated, "none", "nothing here");
        await RecordAsync(other.Id, AuditAction.GroupUpdated, "other-account", "quill");
        await RecordAsync(null, AuditAction.GroupUpdated, "personal", "quill");
        await RecordAsync(account.Id, AuditAction.GroupUpdated, "purged", "quill");
        await _fixture.DbAsync(db => db.AuditEntries.Where(e => e.ObjectId == "purged").ExecuteDeleteAsync());

        var found = await ReadAsync(account, $"search={Uri.EscapeDataString(term)}");
        var expected = await _fixture.InScopeAsync(async services =>
        {
            // The scan: the same search over every entry of the account, without the index.
            var db = services.GetRequiredService<RosterDbContext>();
            var all = db.AuditEntries.AsNoTracking().Where(e => e.AccountId == account.Id);
            var query = Rql.Parse($"?search={Uri.EscapeDataString(term)}");
            query.Succeeded.ShouldBeTrue();
            var search = AuditListing.Resource.Apply(all, query.Value, RqlDialect.For(db.Provider));
            search.Succeeded.ShouldBeTrue();
            return await search.Value.Select(e => e.ObjectId).ToListAsync();
        });

        expected.ShouldNotBeEmpty();
        found.Rows.Select(e => e.ObjectId).ShouldBe(expected);
        found.Total.ShouldBe(expected.Count);
        found.Rows.ShouldNotContain(e => e.ObjectId == "other-account" || e.ObjectId == "personal" || e.ObjectId == "purged");
    }
}
