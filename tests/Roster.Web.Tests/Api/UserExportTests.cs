using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Roster.Web.Tests.Browser;
using Roster.Web.Tests.Infrastructure;
using Roster.Users;
using Microsoft.Extensions.DependencyInjection;

namespace Roster.Web.Tests.Api;

/// <summary>Exports read a handful of rows per query here, so a small account already spans many batches.</summary>
public sealed class SmallBatchServer : RosterServer
{
    public const int BatchSize = 4;
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Exports:BatchSize", BatchSize.ToString(CultureInfo.InvariantCulture))];
}

/// <summary>GET /accounts/{a}/users with Accept: text/csv: the whole list the JSON answer pages through, as CSV.</summary>
public sealed class UserExportTests(SmallBatchServer server) : IClassFixture<SmallBatchServer>
{
    private static readonly string[] Header = ["id", "name", "email", "status", "groups", "created", "invited", "activated", "last sign in"];

    private static async Task<HttpResponseMessage> CsvAsync(HttpClient client, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        return await client.SendAsync(request);
    }

    private static async Task<List<List<string>>> RowsAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return CsvText.Parse(text);
    }

    private async Task<(Team Team, HttpClient Owner)> TeamOf(int invited)
    {
        var team = await Team.CreateAsync(server);
        for (var i = 0; i < invited; i++)
            await team.InviteAsync($"Member {i:D2}", team.Email($"m{(i * 7) % invited:D2}"), i % 3 == 0 ? [team.SupportId, team.AdministratorsId] : [team.SupportId]);
        return (team, await server.SignedInClientAsync(team.OwnerEmail, UsersOnServer.Password));
    }

    private static string? At(JsonNode member, string e) =>
        member["events"]![e] is { } node ? node["at"]!.GetValue<DateTimeOffset>().ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) : null;

    private static string? Utc(string field) =>
        field.Length == 0 ? null : DateTimeOffset.Parse(field, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("eq(groups.id,SUPPORT)&ordering(-email)")]
    [InlineData("eq(status,invited)&ordering(email)&limit=3&offset=2")]
    [InlineData("search=member&ordering(-events.signed.at,name)")]
    public async Task Export_IsTheJsonListsRowsInItsOrder_AcrossBatchesAndPages(string query)
    {
        var (team, owner) = await TeamOf(25);
        query = query.Replace("SUPPORT", team.SupportId, StringComparison.Ordinal);
        var jsonQuery = string.Join('&', query.Split('&').Where(p => !p.StartsWith("limit", StringComparison.Ordinal) && !p.StartsWith("offset", StringComparison.Ordinal)));
        var json = (await (await owner.GetAsync($"/public/v1/accounts/{team.AccountId}/users?{jsonQuery}&limit=1000")).ExpectAsync(HttpStatusCode.OK)).AsArray();
        json.Count.ShouldBeGreaterThan(SmallBatchServer.BatchSize * 3);

        var response = await CsvAsync(owner, $"/public/v1/accounts/{team.AccountId}/users?{query}");
        var rows = await RowsAsync(response);

        response.Content.Headers.ContentType!.ToString().ShouldBe("text/csv; charset=utf-8");
        response.Content.Headers.ContentDisposition!.ToString()
            .ShouldBe($"attachment; filename=\"users-{team.AccountId}-{server.Clock.GetUtcNow():yyyy-MM-dd}.csv\"");
        rows[0].ShouldBe(Header);
        rows.Skip(1).Select(r => r[0]).ShouldBe(json.Select(m => m!["id"]!.GetValue<string>()));
        foreach (var (row, member) in rows.Skip(1).Zip(json))
        {
            row[1].ShouldBe(member!["name"]!.GetValue<string>());
            row[2].ShouldBe(member["email"]!.GetValue<string>());
            row[3].ShouldBe(member["status"]!.GetValue<string>());
            row[4].ShouldBe(string.Join("; ", member["groups"]!.AsArray().Select(g => g!["name"]!.GetValue<string>())));
            new[] { row[5], row[6], row[7], row[8] }.Select(Utc)
                .ShouldBe([At(member, "created"), At(member, "invited"), At(member, "activated"), At(member, "signed")]);
        }
        var linked = await owner.GetAsync($"/public/v1/accounts/{team.AccountId}/users?{query}&format=csv");
        (await RowsAsync(linked)).ShouldBe(rows);
    }

    [Fact]
    public async Task Export_QuotesFieldsAndDefusesFormulas()
    {
        var team = await Team.CreateAsync(server);
        await team.InviteAsync("=HYPERLINK(\"https://evil.test\",\"Open\"), Jr", team.Email("formula"));
        await team.InviteAsync("-2+3", team.Email("minus"));
        using var owner = await server.SignedInClientAsync(team.OwnerEmail, UsersOnServer.Password);

        var response = await CsvAsync(owner, $"/public/v1/accounts/{team.AccountId}/users?ordering(email)&select(-events)");
        var text = await response.Content.ReadAsStringAsync();

        text.ShouldContain("\"'=HYPERLINK(\"\"https://evil.test\"\",\"\"Open\"\"), Jr\"");
        var rows = CsvText.Parse(text);
        rows[0].ShouldBe(["id", "name", "email", "status", "groups"]);
        rows.Skip(1).Select(r => r[1]).ShouldBe(["'=HYPERLINK(\"https://evil.test\",\"Open\"), Jr", "'-2+3", Team.OwnerName]);
        text.ShouldEndWith("\r\n");
    }

    [Fact]
    public async Task Export_NeverCarriesInvitationLinks()
    {
        var (team, owner) = await TeamOf(3);
        var json = (await (await owner.GetAsync($"/public/v1/accounts/{team.AccountId}/users")).ExpectAsync(HttpStatusCode.OK)).AsArray();
        var links = json.Where(m => m!["invitation"] is not null).Select(m => m!["invitation"]!["link"]!.GetValue<string>()).ToList();
        links.Count.ShouldBe(3);

        var text = await (await CsvAsync(owner, $"/public/v1/accounts/{team.AccountId}/users")).Content.ReadAsStringAsync();

        CsvText.Parse(text).Count.ShouldBe(5);
        foreach (var link in links) text.ShouldNotContain(link);
        text.ShouldNotContain("http", Case.Insensitive);
    }

    [Fact]
    public async Task Export_OfAnotherAccount_Is404ForMembersAndTokensOfOthers()
    {
        var (team, _) = await TeamOf(1);
        var stranger = await UsersOnServer.SignedInStrangerAsync(server);
        await (await stranger.PostJsonAsync("/public/v1/accounts", new { name = "Elsewhere" })).ExpectAsync(HttpStatusCode.Created);
        var foreignToken = server.WithApiKey(await stranger.CreateActiveTokenAsync("MD-0001", "MD-0007"));

        foreach (var client in new[] { stranger, foreignToken, server.CreateClient() })
        {
            var response = await CsvAsync(client, $"/public/v1/accounts/{team.AccountId}/users");
            var code = await response.ExpectErrorAsync(client == foreignToken || client == stranger ? HttpStatusCode.NotFound : HttpStatusCode.Unauthorized);
            code.ShouldNotBeNullOrEmpty();
        }
    }

    [Fact]
    public async Task Export_ByAnAccountsOwnToken_Works()
    {
        var (team, owner) = await TeamOf(2);
        var token = server.WithApiKey(await owner.CreateActiveTokenAsync("MD-0001"));

        var rows = await RowsAsync(await CsvAsync(token, $"/public/v1/accounts/{team.AccountId}/users?ordering(name)"));

        rows.Skip(1).Select(r => r[1]).ShouldBe(["Member 00", "Member 01", Team.OwnerName]);
    }

    [Theory]
    [InlineData("eq(status,sleeping)", "rql.bad_value")]
    [InlineData("lt(events.created.at,soon)", "rql.bad_value")]
    [InlineData("ordering(groups.name)", "rql.not_orderable")]
    [InlineData("and(eq(name,x)", "rql.syntax")]
    public async Task Export_BadQuery_Is400WithConnectsErrorBody(string query, string code)
    {
        var (team, owner) = await TeamOf(0);

        (await (await CsvAsync(owner, $"/public/v1/accounts/{team.AccountId}/users?{query}")).ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe(code);
    }

    [Fact]
    public async Task List_WithoutAskingForCsv_StaysJson()
    {
        var (team, owner) = await TeamOf(0);
        var request = new HttpRequestMessage(HttpMethod.Get, $"/public/v1/accounts/{team.AccountId}/users");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*"));

        var response = await owner.SendAsync(request);

        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        response.ContentRange().ShouldBe("items 0-0/1");
    }

    [Fact]
    public async Task PortalExport_HonoursFiltersSortAndChosenColumns_OverEveryPage_InTheViewersTime()
    {
        var team = await Team.CreateAsync(server);
        for (var i = 0; i < 12; i++)
            await team.AddActiveMemberAsync($"Active {i:D2}", team.Email($"active{i:D2}"), i % 4 == 0 ? [team.AdministratorsId] : [team.SupportId]);
        await team.InviteAsync("Invited Support", team.Email("invited"));
        await team.ChangeOwnerAsync(u => (u.TimeZone, u.DateFormat, u.TimeFormat) = ("Europe/Berlin", "dd.MM.yyyy", "HH:mm"));
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var save = scope.ServiceProvider.GetRequiredService<SaveListPreference>();
            (await save.HandleAsync(new SaveListPreferenceRequest(team.AccountId, "users", "joined,email"), team.Owner)).Succeeded.ShouldBeTrue();
        }
        using var owner = await server.SignedInClientAsync(team.OwnerEmail, UsersOnServer.Password);
        var json = (await (await owner.GetAsync(
            $"/public/v1/accounts/{team.AccountId}/users?and(eq(status,active),eq(groups.id,{team.SupportId}))&ordering(-name)")).ExpectAsync(HttpStatusCode.OK)).AsArray();
        json.Count.ShouldBe(9);
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        var response = await owner.GetAsync($"/settings/users?handler=Export&status=active&group={team.SupportId}&sort=-name&rows=10&page=2");
        var rows = await RowsAsync(response);

        response.Content.Headers.ContentDisposition!.FileName.ShouldBe($"users-{team.AccountId}-{server.Clock.GetUtcNow():yyyy-MM-dd}.csv");
        rows[0].ShouldBe(["Name", "ID", "Email", "Joined at (Europe/Berlin)"]);
        rows.Skip(1).ShouldBe(json.Select(m => new List<string>
        {
            m!["name"]!.GetValue<string>(),
            m["id"]!.GetValue<string>(),
            m["email"]!.GetValue<string>(),
            TimeZoneInfo.ConvertTime(m["events"]!["activated"]!["at"]!.GetValue<DateTimeOffset>(), berlin).ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture),
        }));
    }

    [Fact]
    public async Task PortalExport_WithoutAnAccount_LeadsToTheNoAccountPageWithNothingOfAnyAccount()
    {
        var stranger = await UsersOnServer.SignedInStrangerAsync(server);

        var response = await stranger.GetAsync("/settings/users?handler=Export");

        // Someone with no account is never told "Page not found" for that: they are led to the page that says how to get one.
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/settings/general");
        (await response.Content.ReadAsStringAsync()).ShouldNotContain(RosterServer.AdminEmail);
    }

    [Fact]
    public async Task OpenApi_DescribesTheUsersListAsJsonAndCsv()
    {
        var document = await (await server.CreateClient().GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK);

        var content = document["paths"]!["/public/v1/accounts/{accountId}/users"]!["get"]!["responses"]!["200"]!["content"]!.AsObject();
        content.Select(c => c.Key).ShouldBe(["application/json", "text/csv"], ignoreOrder: true);
    }
}
