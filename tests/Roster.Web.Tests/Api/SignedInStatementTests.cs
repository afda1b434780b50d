using System.Net;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Api;

/// <summary>
/// What being signed in costs the database: the credential, the person or token behind it, the account it works in,
/// that account's address rules and its two-factor policy are read in one statement, so an authenticated request whose
/// session needs no touch makes one round trip before its own work. Each test says which statements it allows.
/// </summary>
public sealed class SignedInStatementTests(StatementServer server) : IClassFixture<StatementServer>, IDisposable
{
    private readonly StatementCounter _counter = new();

    public void Dispose() => _counter.Dispose();

    [Fact]
    public async Task AuthContext_WithSession_RunsOneStatement()
    {
        var admin = await server.SignedInClientAsync();

        var statements = await SendAsync(admin, new HttpRequestMessage(HttpMethod.Get, "/public/v1/auth/context"));

        statements.Count.ShouldBe(1, string.Join("\n---\n", statements));
    }

    [Fact]
    public async Task AuthContext_WithApiKey_RunsOneStatement()
    {
        var admin = await server.SignedInClientAsync();
        var token = server.WithApiKey(await admin.CreateActiveTokenAsync());

        var statements = await SendAsync(token, new HttpRequestMessage(HttpMethod.Get, "/public/v1/auth/context"));

        statements.Count.ShouldBe(1, string.Join("\n---\n", statements));
    }

    [Fact]
    public async Task AccountRead_WithSession_ChecksPolicyAndAddressRulesWithTheSession()
    {
        var admin = await server.SignedInClientAsync();
        var accountId = await admin.ActiveAccountIdAsync();

        var statements = await SendAsync(admin, new HttpRequestMessage(HttpMethod.Get, $"/public/v1/accounts/{accountId}"));

        // The session's statement, then the account's own read: no separate policy or address-rule query.
        statements.Count.ShouldBe(2, string.Join("\n---\n", statements));
    }

    private Task<List<string>> SendAsync(HttpClient client, HttpRequestMessage request) => _counter.StatementsOfAsync(client, request);
}
