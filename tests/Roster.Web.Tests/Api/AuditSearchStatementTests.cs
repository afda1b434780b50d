using System.Net;
using Roster.Data;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Api;

/// <summary>
/// A search of the audit trail and its total ask SQLite's trigram index (the audit_search table) once, whatever the
/// page: the index's work grows with the trail, not with the matches. PostgreSQL's trigram index is on the entries
/// themselves, so no statement reads such a table there.
/// </summary>
public sealed class AuditSearchStatementTests(StatementServer server) : IClassFixture<StatementServer>, IDisposable
{
    private readonly StatementCounter _counter = new();

    public void Dispose() => _counter.Dispose();

    [Theory]
    [InlineData("")]
    [InlineData("&limit=1&offset=1")]
    public async Task AuditSearch_WithFewMatches_AsksTheTrigramIndexOnce(string paging)
    {
        var admin = await server.SignedInClientAsync();
        var accountId = await admin.ActiveAccountIdAsync();
        var marker = $"s{Guid.NewGuid():N}"[..12];
        for (var i = 0; i < 3; i++)
            await (await admin.PostJsonAsync($"/public/v1/accounts/{accountId}/groups", new { name = $"{marker} {i}" })).ExpectAsync(HttpStatusCode.Created);
        var path = $"/public/v1/accounts/{accountId}/audit?search={marker}{paging}";
        // The first request warms what a server reads once.
        var warm = await admin.GetAsync(path);
        warm.StatusCode.ShouldBe(HttpStatusCode.OK);
        warm.Content.Headers.GetValues("Content-Range").Single().ShouldEndWith("/3");

        var statements = await _counter.StatementsOfAsync(admin, path);

        var lookups = statements.Count(s => s.Contains("audit_search", StringComparison.Ordinal));
        lookups.ShouldBe(server.Database.Provider == DatabaseProvider.Sqlite ? 1 : 0, string.Join("\n---\n", statements));
    }

    [Fact]
    public async Task AuditSearch_TheIndexFindsNothingFor_SendsNoStatementAfterIt()
    {
        var admin = await server.SignedInClientAsync();
        var accountId = await admin.ActiveAccountIdAsync();
        var path = $"/public/v1/accounts/{accountId}/audit?search=n{Guid.NewGuid():N}";
        var warm = await admin.GetAsync(path);
        warm.StatusCode.ShouldBe(HttpStatusCode.OK);
        warm.Content.Headers.GetValues("Content-Range").Single().ShouldBe("items 0-0/0");

        var statements = await _counter.StatementsOfAsync(admin, path);

        // PostgreSQL has no index table to ask first: its count is the search.
        if (server.Database.Provider == DatabaseProvider.Sqlite)
            statements.Last().ShouldContain("audit_search", customMessage: string.Join("\n---\n", statements));
    }
}
