using System.Net;
using System.Text.RegularExpressions;
using Roster.Web.Tests.Browser;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Api;

/// <summary>A server of this class's own, so that its statements are only the ones these tests cause.</summary>
public sealed class StatementServer : RosterServer;

/// <summary>
/// The Users list is read once per request, and a change made in one of its dialogs goes back to the list by a
/// redirect without reading the list first. The list's reads are recognised by the two tables only it reads: the
/// member counters (its total) and the viewer's remembered columns.
/// </summary>
public sealed partial class UsersPageStatementTests(StatementServer server) : IClassFixture<StatementServer>, IDisposable
{
    private readonly StatementCounter _counter = new();

    public void Dispose() => _counter.Dispose();

    [Fact]
    public async Task UsersPage_Get_ReadsTheListOnce()
    {
        var (_, owner) = await TeamAsync();

        var statements = await SendAsync(owner, new HttpRequestMessage(HttpMethod.Get, "/settings/users"), HttpStatusCode.OK);

        statements.Count(s => s.Contains("member_counts", StringComparison.Ordinal)).ShouldBe(1, string.Join("\n---\n", statements));
    }

    [Fact]
    public async Task EditDialog_PostThatSucceeds_RedirectsWithoutReadingTheList()
    {
        var (team, owner) = await TeamAsync();
        var memberId = await team.InviteAsync("Ivy Invited", team.Email("ivy"));
        var path = $"/settings/users/{memberId}/edit";
        var form = await (await owner.GetAsync(path)).Content.ReadAsStringAsync();
        var antiforgery = Antiforgery().Match(form).Groups[1].Value;
        antiforgery.ShouldNotBeEmpty(form);

        var post = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent([
                new("__RequestVerificationToken", antiforgery), new("GroupIds", team.SupportId), new("GroupIds", team.AdministratorsId),
                new("Name", "Ivy Invited"), new("Email", team.Email("ivy"))]),
        };
        var statements = await SendAsync(owner, post, HttpStatusCode.Redirect);

        ListReads(statements).ShouldBe(0, string.Join("\n---\n", statements));
        statements.ShouldNotBeEmpty();
    }

    private async Task<(Team Team, HttpClient Owner)> TeamAsync()
    {
        var team = await Team.CreateAsync(server);
        var owner = await server.SignedInClientAsync(team.OwnerEmail, UsersOnServer.Password);
        (await owner.ActiveAccountIdAsync()).ShouldBe(team.AccountId);
        return (team, owner);
    }

    private async Task<List<string>> SendAsync(HttpClient client, HttpRequestMessage request, HttpStatusCode expected)
    {
        var statements = _counter.Mark(request);
        var response = await client.SendAsync(request);
        response.StatusCode.ShouldBe(expected, await response.Content.ReadAsStringAsync());
        return [.. statements];
    }

    private static int ListReads(IEnumerable<string> statements) => statements.Count(s => s.Contains("member_counts", StringComparison.Ordinal))
        + statements.Count(s => s.Contains("list_preferences", StringComparison.Ordinal));

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();
}
