using System.Net;
using System.Text.RegularExpressions;
using Roster.Web.Tests.Browser;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Api;

/// <summary>
/// The statements one page of the Users list sends, beside those of authentication (the session or token, the
/// address rules, the two-factor policy), which are counted where they are made. A page of ten members, some invited
/// and some in groups, read by a manager: the access check, the rows with their total, and what the rows need beside
/// themselves (their groups, whether a verified domain holds one of their emails, their invitation links).
/// </summary>
public sealed class UsersListStatementTests(StatementServer server) : IClassFixture<StatementServer>, IDisposable
{
    private readonly StatementCounter _counter = new();

    public void Dispose() => _counter.Dispose();

    [Fact]
    public async Task UsersList_FirstPageByToken_SendsThreeStatementsBesideAuthentication()
    {
        var (team, owner) = await TeamAsync();
        var token = server.WithApiKey(await owner.CreateActiveTokenAsync("MD-0001"));

        var statements = await ListStatementsAsync(token, $"/public/v1/accounts/{team.AccountId}/users?limit=10");

        statements.Count.ShouldBe(3, string.Join("\n---\n", statements));
    }

    [Fact]
    public async Task UsersList_FirstPageBySession_SendsThreeStatementsBesideAuthentication()
    {
        var (team, owner) = await TeamAsync();

        var statements = await ListStatementsAsync(owner, $"/public/v1/accounts/{team.AccountId}/users?limit=10");

        statements.Count.ShouldBe(3, string.Join("\n---\n", statements));
    }

    [Fact]
    public async Task UsersList_FirstPage_ReadsItsTotalWithItsRows()
    {
        var (team, owner) = await TeamAsync();

        var statements = await ListStatementsAsync(owner, $"/public/v1/accounts/{team.AccountId}/users?limit=10");

        statements.Where(s => s.Contains("member_counts", StringComparison.Ordinal))
            .ShouldHaveSingleItem(string.Join("\n---\n", statements)).ShouldContain("memberships");
    }

    /// <summary>
    /// A statement whose text depends on how many rows a page holds (a list of ids spelled out as one parameter each)
    /// is built again by EF for every page, one request at a time per statement, and prepared again by the database.
    /// </summary>
    [Fact]
    public async Task UsersList_PagesOfDifferentSizes_SendTheSameStatements()
    {
        var (team, owner) = await TeamAsync();
        var users = $"/public/v1/accounts/{team.AccountId}/users";

        var large = await ListStatementsAsync(owner, $"{users}?limit=10&offset=1");
        var small = await ListStatementsAsync(owner, $"{users}?limit=10&offset=10");

        small.Count.ShouldBe(3, string.Join("\n---\n", small));
        small.Except(large).ShouldBeEmpty($"large page:\n{string.Join("\n---\n", large)}");
    }

    /// <summary>
    /// The first page's limit is written into its statement and it has no offset, so PostgreSQL's plan for the prepared
    /// statement costs what the page does and is made once, not again for every request.
    /// </summary>
    [Fact]
    public async Task UsersList_FirstPage_WritesItsLimitIntoTheStatement()
    {
        var (team, owner) = await TeamAsync();

        var statements = await ListStatementsAsync(owner, $"/public/v1/accounts/{team.AccountId}/users?limit=10");

        var page = statements.Where(s => s.Contains("member_counts", StringComparison.Ordinal)).ShouldHaveSingleItem(string.Join("\n---\n", statements));
        page.ShouldContain("LIMIT 10");
        page.ShouldNotContain("OFFSET");
    }

    [Theory]
    [InlineData("limit=10")]
    [InlineData("eq(status,active)&limit=10")]
    [InlineData("in(status,(active,invited))&limit=10")]
    public async Task UsersList_FirstPage_SpellsOutNoListAsParameters(string query)
    {
        var (team, owner) = await TeamAsync();

        var statements = await ListStatementsAsync(owner, $"/public/v1/accounts/{team.AccountId}/users?{query}");

        statements.ShouldNotContain(s => SpelledOutList.IsMatch(s), string.Join("\n---\n", statements));
    }

    /// <summary>A list parameter as EF spells it out by default: <c>IN (@ids1, @ids2, ...)</c>.</summary>
    private static readonly Regex SpelledOutList = new(@"IN \(@\w+1\b");

    /// <summary>
    /// A search's total and its page start from the same few matches, so the trigram index (the member_search table)
    /// is asked once: its work grows with the account, not with the matches.
    /// </summary>
    [Theory]
    [InlineData("limit=10")]
    [InlineData("limit=2&offset=2")]
    public async Task UsersList_Search_AsksTheTrigramIndexOnce(string paging)
    {
        var (team, owner) = await TeamAsync();
        var path = $"/public/v1/accounts/{team.AccountId}/users?search=Ivy&{paging}";

        var statements = await ListStatementsAsync(owner, path);

        statements.Count(s => s.Contains("member_search", StringComparison.Ordinal)).ShouldBe(1, string.Join("\n---\n", statements));
        var range = (await owner.GetAsync(path)).Content.Headers.GetValues("Content-Range").Single();
        range.ShouldEndWith("/6");
    }

    /// <summary>The trigram index finds every possible match, so when it finds none the list needs nothing more.</summary>
    [Fact]
    public async Task UsersList_SearchTheIndexFindsNothingFor_SendsNoStatementAfterIt()
    {
        var (team, owner) = await TeamAsync();
        var path = $"/public/v1/accounts/{team.AccountId}/users?search=Zebedee&limit=10";

        var statements = await ListStatementsAsync(owner, path);

        statements.Last().ShouldContain("member_search", customMessage: string.Join("\n---\n", statements));
        var range = (await owner.GetAsync(path)).Content.Headers.GetValues("Content-Range").Single();
        range.ShouldEndWith("/0");
    }

    [Fact]
    public async Task UsersPage_Get_SendsNineStatementsBesideAuthentication()
    {
        var (_, owner) = await TeamAsync();

        var statements = await ListStatementsAsync(owner, "/settings/users");

        statements.Count.ShouldBe(9, string.Join("\n---\n", statements));
    }

    private async Task<(Team Team, HttpClient Owner)> TeamAsync()
    {
        var team = await Team.CreateAsync(server);
        for (var i = 0; i < 6; i++) await team.InviteAsync($"Ivy {i:D2}", team.Email($"ivy{i}"));
        for (var i = 0; i < 6; i++) await team.AddActiveMemberAsync($"Ada {i:D2}", team.Email($"ada{i}"), team.SupportId, team.AdministratorsId);
        var owner = await server.SignedInClientAsync(team.OwnerEmail, UsersOnServer.Password);
        (await owner.ActiveAccountIdAsync()).ShouldBe(team.AccountId);
        return (team, owner);
    }

    /// <summary>The request's statements without authentication's, which are recognised by the columns only it reads.</summary>
    private async Task<List<string>> ListStatementsAsync(HttpClient client, string path)
    {
        // The first request warms what a server reads once (the data protection keys, compiled queries).
        (await client.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var statements = await _counter.StatementsOfAsync(client, path);
        return [.. statements.Where(s => !AuthenticationMarks.Any(mark => s.Contains(mark, StringComparison.Ordinal)))];
    }

    private static readonly string[] AuthenticationMarks = ["\"SecretHash\"", "access_rules", "\"MfaPolicy\""];
}
