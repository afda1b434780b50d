using System.Net;
using System.Net.Http.Json;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Api;

/// <summary>Connect's list and error conventions, through real lists.</summary>
public sealed class ConventionsTests(RosterServer server) : IClassFixture<RosterServer>
{
    [Theory]
    [InlineData("eq(id,MD-0001)", new[] { "MD-0001" })]
    [InlineData("id=MD-0001", new[] { "MD-0001" })]
    [InlineData("id=eq=MD-0001", new[] { "MD-0001" })]
    [InlineData("ne(id,MD-0001)&limit=2", new[] { "MD-0002", "MD-0003" })]
    [InlineData("in(name,(Account,Integrations))", new[] { "MD-0001", "MD-0007" })]
    [InlineData("out(id,(MD-0001,MD-0002,MD-0003,MD-0004,MD-0005))", new[] { "MD-0006", "MD-0007" })]
    [InlineData("like(name,Acc*)", new[] { "MD-0001" })]
    [InlineData("like(name,acc*)", new string[0])]
    [InlineData("ilike(name,acc*)", new[] { "MD-0001" })]
    [InlineData("or(eq(id,MD-0001),eq(id,MD-0007))", new[] { "MD-0001", "MD-0007" })]
    [InlineData("(id=MD-0001|id=MD-0007)", new[] { "MD-0001", "MD-0007" })]
    [InlineData("and(ilike(name,*a*),not(eq(id,MD-0001)))&ordering(-id)&limit=1", new[] { "MD-0007" })]
    [InlineData("eq(name,\"Account\")", new[] { "MD-0001" })]
    [InlineData("eq(name,'Audit')", new[] { "MD-0006" })]
    [InlineData("search=integ", new[] { "MD-0007" })]
    [InlineData("eq(id,null())", new string[0])]
    public async Task ListModules_WithRql_AnswersTheMatchingRows(string query, string[] expected)
    {
        var client = await server.SignedInClientAsync();

        var response = await client.GetAsync($"/public/v1/modules?{query}");

        var ids = (await response.ExpectAsync(HttpStatusCode.OK)).AsArray().Select(m => m!["id"]!.GetValue<string>());
        ids.ShouldBe(expected);
    }

    [Theory]
    [InlineData("eq(id,MD-0001", "rql.syntax")]
    [InlineData("frobnicate(id,1)", "rql.syntax")]
    [InlineData("eq(colour,red)", "rql.unknown_field")]
    [InlineData("gt(name,Account)", "rql.lookup_not_allowed")]
    [InlineData("ordering(colour)", "rql.unknown_field")]
    [InlineData("limit=many", "rql.bad_paging")]
    [InlineData("offset=-1", "rql.bad_paging")]
    public async Task ListModules_WithBadRql_Answers400WithTheReason(string query, string code)
    {
        var client = await server.SignedInClientAsync();

        var actual = await (await client.GetAsync($"/public/v1/modules?{query}")).ExpectErrorAsync(HttpStatusCode.BadRequest);

        actual.ShouldBe(code);
    }

    [Theory]
    [InlineData("gt(events.created.at,yesterday)")]
    [InlineData("eq(role,emperor)")]
    public async Task ListAccounts_WithBadValue_Answers400(string query)
    {
        var client = await server.SignedInClientAsync();

        (await (await client.GetAsync($"/public/v1/accounts?{query}")).ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe("rql.bad_value");
    }

    [Fact]
    public async Task ListAccounts_FiltersOnDatesRolesAndTypes()
    {
        var client = await server.SignedInClientAsync();

        var vendors = await (await client.GetAsync("/public/v1/accounts?eq(type,vendor)&ge(events.created.at,2000-01-01T00:00:00Z)")).ExpectAsync(HttpStatusCode.OK);
        var none = await (await client.GetAsync("/public/v1/accounts?eq(role,reseller)&lt(events.created.at,2000-01-01)")).ExpectAsync(HttpStatusCode.OK);

        vendors.AsArray().ShouldContain(a => a!["name"]!.GetValue<string>() == RosterServer.AccountName);
        none.AsArray().Count.ShouldBe(0);
    }

    [Theory]
    [InlineData("gt", new[] { "late" })]
    [InlineData("ge", new[] { "middle", "late" })]
    [InlineData("gte", new[] { "middle", "late" })]
    [InlineData("lt", new[] { "early" })]
    [InlineData("le", new[] { "early", "middle" })]
    [InlineData("lte", new[] { "early", "middle" })]
    [InlineData("eq", new[] { "middle" })]
    [InlineData("ne", new[] { "early", "late" })]
    public async Task ListTokens_ComparesCreationDates(string lookup, string[] expected)
    {
        var admin = await server.SignedInClientAsync();
        var prefix = Guid.NewGuid().ToString("N")[..8];
        string? middle = null;
        foreach (var name in new[] { "early", "middle", "late" })
        {
            server.Clock.Advance(TimeSpan.FromMinutes(1));
            var created = await (await admin.PostJsonAsync("/public/v1/auth/tokens", new { name = $"{prefix}-{name}" })).ExpectAsync(HttpStatusCode.Created);
            if (name == "middle") middle = created["events"]!["created"]!["at"]!.GetValue<string>();
        }

        var at = Uri.EscapeDataString(middle!);
        var response = await admin.GetAsync($"/public/v1/auth/tokens?like(name,{prefix}-*)&{lookup}(events.created.at,{at})&ordering(events.created.at)");

        var names = (await response.ExpectAsync(HttpStatusCode.OK)).AsArray().Select(t => t!["name"]!.GetValue<string>()[9..]);
        names.ShouldBe(expected);
    }

    [Fact]
    public async Task Select_RemovesExcludedMembers()
    {
        var client = await server.SignedInClientAsync();

        var accounts = await (await client.GetAsync("/public/v1/accounts?select(-events)")).ExpectAsync(HttpStatusCode.OK);

        accounts.AsArray()[0]!.AsObject().ContainsKey("events").ShouldBeFalse();
        accounts.AsArray()[0]!.AsObject().ContainsKey("name").ShouldBeTrue();
    }

    [Fact]
    public async Task ListModules_OffsetPastTheEnd_AnswersAnEmptyPageNamingItsOffset()
    {
        var client = await server.SignedInClientAsync();

        var response = await client.GetAsync("/public/v1/modules?offset=50");

        (await response.ExpectAsync(HttpStatusCode.OK)).AsArray().ShouldBeEmpty();
        response.ContentRange().ShouldBe("items 50-50/7");
    }

    [Fact]
    public async Task Modules_GetOne_AndUnknownIs404()
    {
        var client = await server.SignedInClientAsync();

        var module = await (await client.GetAsync("/public/v1/modules/MD-0007")).ExpectAsync(HttpStatusCode.OK);
        module["name"]!.GetValue<string>().ShouldBe("Integrations");
        await (await client.GetAsync("/public/v1/modules/MD-4242")).ExpectErrorAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task UnknownEndpoint_AnswersConnectErrorBody()
    {
        var client = await server.SignedInClientAsync();

        (await (await client.GetAsync("/public/v1/nothing/here")).ExpectErrorAsync(HttpStatusCode.NotFound)).ShouldBe("request.not_found");
    }

    /// <summary>Connect's own sign-in infrastructure, which Roster has no part of (docs/connect-compatibility.md).</summary>
    [Theory]
    [InlineData("GET", "/public/v1/auth/recaptcha")]
    [InlineData("GET", "/public/v1/auth/eaas/EX-123/login")]
    [InlineData("POST", "/public/v1/auth/eaas/EX-123/login")]
    public async Task ConnectInfrastructureOperation_Answers404InConnectsErrorBody(string method, string path)
    {
        foreach (var client in new[] { server.CreateClient(), await server.SignedInClientAsync() })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? JsonContent.Create(new { }) : null };
            (await (await client.SendAsync(request)).ExpectErrorAsync(HttpStatusCode.NotFound)).ShouldBe("request.not_found");
        }
    }

    [Fact]
    public async Task OpenApiDocument_DescribesThePublicApi()
    {
        var document = await (await server.CreateClient().GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK);

        document["paths"]!.AsObject().ContainsKey("/public/v1/auth/login").ShouldBeTrue();
        document["paths"]!.AsObject().ContainsKey("/public/v1/auth/tokens/{id}/rotate").ShouldBeTrue();
        document["paths"]!.AsObject().ContainsKey("/public/v1/domains/{pk}/verify").ShouldBeTrue();
        document["paths"]!.AsObject().ContainsKey("/public/v1/idps/{idp_id}/test").ShouldBeTrue();
    }

    [Fact]
    public async Task Health_WithReachableDatabase_Is200()
    {
        (await server.CreateClient().GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
