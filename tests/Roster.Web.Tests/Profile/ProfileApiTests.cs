using System.Net;
using System.Text.Json.Nodes;
using Roster.Audit;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Profile;

public sealed class ProfileApiTests(RosterServer server) : IClassFixture<RosterServer>
{
    [Fact]
    public async Task GetOwnUser_AnswersConnectsUserShape_WithRostersDefaults()
    {
        var me = await Person.CreateAsync(server, "Grace Hopper");

        var body = (await (await me.Client.GetAsync(me.Path())).ExpectAsync(HttpStatusCode.OK)).AsObject();

        body["id"]!.GetValue<string>().ShouldBe(me.Id);
        body["name"]!.GetValue<string>().ShouldBe("Grace Hopper");
        body["email"]!.GetValue<string>().ShouldBe(me.Email);
        body["timezone"]!.GetValue<string>().ShouldBe("UTC");
        body["region"]!.GetValue<string>().ShouldBe("en_US");
        body["dateformat"]!.GetValue<string>().ShouldBe("MM/dd/yyyy");
        body["timeformat"]!.GetValue<string>().ShouldBe("h:mm tt");
        body["announcements"]!.GetValue<bool>().ShouldBeFalse();
        body.ContainsKey("title").ShouldBeFalse();
        body["events"]!["created"]!["at"].ShouldNotBeNull();
        body["events"]!["signed"]!["at"].ShouldNotBeNull();
    }

    [Fact]
    public async Task PutOwnUser_ChangesEverySetting_AndAuditsOnlyWhatChanged()
    {
        var me = await Person.CreateAsync(server, "Ada Lovelace");

        var updated = await (await me.Client.PutJsonAsync(me.Path(), new
        {
            name = "  Ada King  ", title = "Analyst", timezone = "Europe/Berlin", region = "de_DE",
            dateformat = "dd.MM.yyyy", timeformat = "HH:mm", announcements = true,
        })).ExpectAsync(HttpStatusCode.OK);

        var read = await (await me.Client.GetAsync(me.Path())).ExpectAsync(HttpStatusCode.OK);
        foreach (var body in new[] { updated, read })
        {
            body["name"]!.GetValue<string>().ShouldBe("Ada King");
            body["title"]!.GetValue<string>().ShouldBe("Analyst");
            body["timezone"]!.GetValue<string>().ShouldBe("Europe/Berlin");
            body["region"]!.GetValue<string>().ShouldBe("de_DE");
            body["dateformat"]!.GetValue<string>().ShouldBe("dd.MM.yyyy");
            body["timeformat"]!.GetValue<string>().ShouldBe("HH:mm");
            body["announcements"]!.GetValue<bool>().ShouldBeTrue();
        }
        await (await me.Client.PutJsonAsync(me.Path(), new { timezone = "America/New_York", title = "" })).ExpectAsync(HttpStatusCode.OK);

        var entries = await me.AuditAsync(AuditAction.ProfileUpdated);
        entries.Count.ShouldBe(2);
        var first = JsonNode.Parse(entries[0].Changes!)!;
        first["before"]!["name"]!.GetValue<string>().ShouldBe("Ada Lovelace");
        first["after"]!["name"]!.GetValue<string>().ShouldBe("Ada King");
        first["before"]!["timezone"]!.GetValue<string>().ShouldBe("UTC");
        var second = JsonNode.Parse(entries[1].Changes!)!.AsObject();
        second["before"]!.AsObject().Select(p => p.Key).Order().ShouldBe(["timezone", "title"]);
        second["after"]!["timezone"]!.GetValue<string>().ShouldBe("America/New_York");
        second["after"]!["title"].ShouldBeNull();
        entries[1].ObjectId.ShouldBe(me.Id);
    }

    [Fact]
    public async Task PutOwnUser_NothingChanged_WritesNoAuditEntry()
    {
        var me = await Person.CreateAsync(server);
        var current = await (await me.Client.GetAsync(me.Path())).ExpectAsync(HttpStatusCode.OK);

        // A client may send back what it read, email and events included.
        await (await me.Client.PutJsonAsync(me.Path(), current)).ExpectAsync(HttpStatusCode.OK);

        (await me.AuditAsync(AuditAction.ProfileUpdated)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("{\"timezone\": \"Mars/Olympus_Mons\"}", "users.timezone_unknown")]
    [InlineData("{\"timezone\": \"europe/berlin\"}", "users.timezone_unknown")]
    [InlineData("{\"timezone\": \"Pacific Standard Time\"}", "users.timezone_unknown")]
    [InlineData("{\"timezone\": \"posixrules\"}", "users.timezone_unknown")]
    [InlineData("{\"timezone\": \"\"}", "users.timezone_unknown")]
    [InlineData("{\"dateformat\": \"yyyy\"}", "users.dateformat_invalid")]
    [InlineData("{\"dateformat\": \"MM/dd/yyyy HH:mm\"}", "users.dateformat_invalid")]
    [InlineData("{\"timeformat\": \"hh:mm:ss\"}", "users.timeformat_invalid")]
    [InlineData("{\"region\": \"tlh_QO\"}", "users.region_invalid")]
    [InlineData("{\"name\": \"\"}", "users.name_required")]
    [InlineData("{\"name\": \"   \"}", "users.name_required")]
    [InlineData("{\"name\": \"NAME129\"}", "users.name_too_long")]
    [InlineData("{\"title\": \"TITLE257\"}", "users.title_too_long")]
    [InlineData("{\"email\": \"someone.else@profile.test\"}", "users.email_read_only")]
    [InlineData("{\"announcements\": \"yes\"}", "request.invalid_json")]
    [InlineData("{\"name\": \"Fine\", \"timezone\": \"Nowhere/Land\"}", "users.timezone_unknown")]
    [InlineData("not json", "request.invalid_json")]
    public async Task PutOwnUser_BadInput_Is400WithReason_AndChangesNothing(string raw, string code)
    {
        var me = await Person.CreateAsync(server, "Unchanged Person");
        var before = (await (await me.Client.GetAsync(me.Path())).ExpectAsync(HttpStatusCode.OK)).ToJsonString();
        raw = raw.Replace("NAME129", new string('n', 129), StringComparison.Ordinal).Replace("TITLE257", new string('t', 257), StringComparison.Ordinal);

        var put = await me.Client.SendAsync(new HttpRequestMessage(HttpMethod.Put, me.Path())
        {
            Content = new StringContent(raw, System.Text.Encoding.UTF8, "application/json"),
        });

        (await put.ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe(code);
        (await (await me.Client.GetAsync(me.Path())).ExpectAsync(HttpStatusCode.OK)).ToJsonString().ShouldBe(before);
        (await me.AuditAsync(AuditAction.ProfileUpdated)).ShouldBeEmpty();
    }

    [Fact]
    public async Task PutOwnUser_UnknownTimeZone_NamesAnExample()
    {
        var me = await Person.CreateAsync(server);

        var response = await me.Client.PutJsonAsync(me.Path(), new { timezone = "Atlantis/Capital" });

        var body = await response.JsonAsync();
        body["errors"]![0]!.GetValue<string>().ShouldContain("Europe/Berlin");
    }

    [Fact]
    public async Task PutOwnUser_NameTakesExactly128Characters()
    {
        var me = await Person.CreateAsync(server);
        var longest = new string('x', 128);

        var body = await (await me.Client.PutJsonAsync(me.Path(), new { name = longest })).ExpectAsync(HttpStatusCode.OK);

        body["name"]!.GetValue<string>().ShouldBe(longest);
    }

    [Fact]
    public async Task SomeoneElsesUser_IsNotFound_ForUsersAndTokens_EvenInTheSameAccount_AndStaysUnchanged()
    {
        var owner = await Person.CreateAsync(server, "Olive Owner");
        var accountId = await owner.CreateAccountAsync("Shared Ltd");
        var colleague = await Person.CreateAsync(server, "Colin Colleague");
        var groups = await (await owner.Client.GetAsync($"/public/v1/accounts/{accountId}/groups")).ExpectAsync(HttpStatusCode.OK);
        await (await owner.Client.PostJsonAsync($"/public/v1/accounts/{accountId}/users",
            new { name = colleague.Name, email = colleague.Email, groups = new[] { new { id = groups[0]!["id"]!.GetValue<string>() } } })).ExpectAsync(HttpStatusCode.Created);
        var token = server.WithApiKey(await owner.Client.CreateActiveTokenAsync("MD-0001"));

        foreach (var client in new[] { owner.Client, token })
        {
            (await (await client.GetAsync(colleague.Path())).ExpectErrorAsync(HttpStatusCode.NotFound)).ShouldBe("user.not_found");
            (await (await client.PutJsonAsync(colleague.Path(), new { name = "Hijacked" })).ExpectErrorAsync(HttpStatusCode.NotFound)).ShouldBe("user.not_found");
            await (await client.PutJsonAsync(colleague.Path(), new { timezone = "Not/AZone" })).ExpectErrorAsync(HttpStatusCode.NotFound);
            await (await client.GetAsync(colleague.Path("/accounts"))).ExpectErrorAsync(HttpStatusCode.NotFound);
            await (await client.GetAsync(colleague.Path($"/accounts/{accountId}"))).ExpectErrorAsync(HttpStatusCode.NotFound);
        }
        await (await token.GetAsync(owner.Path())).ExpectErrorAsync(HttpStatusCode.NotFound);
        await (await server.CreateClient().GetAsync(colleague.Path())).ExpectErrorAsync(HttpStatusCode.Unauthorized);

        var unchanged = await (await colleague.Client.GetAsync(colleague.Path())).ExpectAsync(HttpStatusCode.OK);
        unchanged["name"]!.GetValue<string>().ShouldBe("Colin Colleague");
    }

    [Fact]
    public async Task NameChange_ShowsInTheUsersListOfEveryAccount_AndItsSearch()
    {
        var me = await Person.CreateAsync(server, "Maiden Name");
        var first = await me.CreateAccountAsync("First Works");
        var second = await me.CreateAccountAsync("Second Works", "reseller");

        await (await me.Client.PutJsonAsync(me.Path(), new { name = "Married Name" })).ExpectAsync(HttpStatusCode.OK);

        foreach (var account in new[] { first, second })
        {
            var members = await (await me.Client.GetAsync($"/public/v1/accounts/{account}/users")).ExpectAsync(HttpStatusCode.OK);
            members.AsArray().Single()!["name"]!.GetValue<string>().ShouldBe("Married Name");
            var found = await (await me.Client.GetAsync($"/public/v1/accounts/{account}/users?search=married")).ExpectAsync(HttpStatusCode.OK);
            found.AsArray().Count.ShouldBe(1);
            var old = await (await me.Client.GetAsync($"/public/v1/accounts/{account}/users?search=maiden")).ExpectAsync(HttpStatusCode.OK);
            old.AsArray().Count.ShouldBe(0);
            var ordered = await (await me.Client.GetAsync($"/public/v1/accounts/{account}/users?eq(name,Married%20Name)")).ExpectAsync(HttpStatusCode.OK);
            ordered.AsArray().Count.ShouldBe(1);
        }
        var context = await (await me.Client.GetAsync("/public/v1/auth/context")).ExpectAsync(HttpStatusCode.OK);
        context["user"]!["name"]!.GetValue<string>().ShouldBe("Married Name");
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheProfileAndSessionEndpoints()
    {
        var document = await (await server.CreateClient().GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK);

        var paths = document["paths"]!.AsObject();
        foreach (var path in new[] { "/users/{userId}", "/users/{userId}/accounts", "/users/{userId}/accounts/{accountId}", "/users/{userId}/sessions",
                     "/users/{userId}/sessions/{sessionId}", "/users/{userId}/sessions/{sessionId}/terminate", "/users/{userId}/sessions/terminate-others",
                     "/users/{userId}/sign-ins" })
            paths.ContainsKey("/public/v1" + path).ShouldBeTrue(path);
        paths["/public/v1/users/{userId}"]!["put"]!["responses"]!.AsObject().ContainsKey("404").ShouldBeTrue();
    }
}
