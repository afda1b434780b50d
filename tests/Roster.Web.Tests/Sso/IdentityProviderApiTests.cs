using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roster.Data;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Sso;

/// <summary>/idps: the identity providers an account connects; an OpenID client secret goes in and never comes out.</summary>
public sealed class IdentityProviderApiTests(DomainServer server) : IClassFixture<DomainServer>
{
    public const string Secret = "a client secret nobody reads back";
    private static readonly string[] EmailAndGroups = ["email", "groups"];
    private static readonly string[] TwoWordScope = ["two words"];

    public static async Task<JsonNode> AddOpenIdAsync(HttpClient client, string issuer = "https://id.frontstreet.example") =>
        await (await client.PostJsonAsync("/public/v1/idps", new
        {
            name = "Front Street ID", type = "openid",
            settings = new { issuer, client_id = "roster", client_secret = Secret },
        })).ExpectAsync(HttpStatusCode.Created);

    [Fact]
    public async Task AddOpenId_AnswersSettingsWithDefaults_AndNeverTheSecret()
    {
        var account = await OwnAccount.CreateAsync(server);

        var created = await AddOpenIdAsync(account.Owner.Client);

        created["id"]!.GetValue<string>().ShouldStartWith("ID-");
        created["type"]!.GetValue<string>().ShouldBe("openid");
        var settings = created["settings"]!;
        settings["issuer"]!.GetValue<string>().ShouldBe("https://id.frontstreet.example");
        settings["client_id"]!.GetValue<string>().ShouldBe("roster");
        settings["scopes"]!.AsArray().Select(s => s!.GetValue<string>()).ShouldBe(["openid", "email", "profile"]);
        settings["user"]!["attributes"]!["external_id"]!.GetValue<string>().ShouldBe("sub");
        settings["user"]!["attributes"]!["email"]!.GetValue<string>().ShouldBe("email");
        settings["user"]!["attributes"]!["name"]!.GetValue<string>().ShouldBe("name");
        settings["group"]!["auto"]!.GetValue<bool>().ShouldBeFalse();
        created.ToJsonString().ShouldNotContain("client_secret");
        created.ToJsonString().ShouldNotContain(Secret);
        var listed = await (await account.Owner.Client.GetAsync("/public/v1/idps")).ExpectAsync(HttpStatusCode.OK);
        listed.ToJsonString().ShouldNotContain(Secret);
        listed.ToJsonString().ShouldNotContain("client_secret");
        var one = await (await account.Owner.Client.GetAsync($"/public/v1/idps/{created["id"]}")).ExpectAsync(HttpStatusCode.OK);
        one.ToJsonString().ShouldNotContain(Secret);
    }

    [Fact]
    public async Task AddOpenId_ScopesWithoutOpenid_GetItAdded_AndClaimsAndGroupsAreKept()
    {
        var account = await OwnAccount.CreateAsync(server);

        var created = await (await account.Owner.Client.PostJsonAsync("/public/v1/idps", new
        {
            name = "Groups ID", type = "openid",
            settings = new
            {
                issuer = "https://id.example", client_id = "c", client_secret = "s", scopes = EmailAndGroups,
                user = new { attributes = new { external_id = "oid", email = "upn", name = "display" } },
                group = new { attributes = new { external_id = "groups" }, auto = true },
            },
        })).ExpectAsync(HttpStatusCode.Created);

        var settings = created["settings"]!;
        settings["scopes"]!.AsArray().Select(s => s!.GetValue<string>()).ShouldBe(["openid", "email", "groups"]);
        settings["user"]!["attributes"]!["external_id"]!.GetValue<string>().ShouldBe("oid");
        settings["group"]!["attributes"]!["external_id"]!.GetValue<string>().ShouldBe("groups");
        settings["group"]!["auto"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task AddSaml_Is400SamlUnsupported()
    {
        var account = await OwnAccount.CreateAsync(server);

        var refused = await account.Owner.Client.PostJsonAsync("/public/v1/idps", new { name = "SAML", type = "saml" });

        (await refused.ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe("idp.saml_unsupported");
        (await refused.JsonAsync())["errors"]![0]!.GetValue<string>().ShouldContain("OpenID Connect");
        (await account.Owner.Client.GetAsync("/public/v1/idps?limit=0")).ContentRange().ShouldEndWith("/0");
    }

    [Theory]
    [InlineData("{\"name\": \"x\"}", "idp.type_required")]
    [InlineData("{\"name\": \"x\", \"type\": \"ldap\"}", "idp.type_invalid")]
    [InlineData("{\"type\": \"system\"}", "idp.name_required")]
    [InlineData("{\"name\": \"x\", \"type\": \"openid\"}", "idp.issuer_required")]
    [InlineData("{\"name\": \"x\", \"type\": \"openid\", \"settings\": {\"issuer\": \"http://id.example\", \"client_id\": \"c\", \"client_secret\": \"s\"}}", "idp.issuer_invalid")]
    [InlineData("{\"name\": \"x\", \"type\": \"openid\", \"settings\": {\"issuer\": \"not a url\", \"client_id\": \"c\", \"client_secret\": \"s\"}}", "idp.issuer_invalid")]
    [InlineData("{\"name\": \"x\", \"type\": \"openid\", \"settings\": {\"issuer\": \"https://id.example\", \"client_secret\": \"s\"}}", "idp.client_id_required")]
    [InlineData("{\"name\": \"x\", \"type\": \"openid\", \"settings\": {\"issuer\": \"https://id.example\", \"client_id\": \"c\"}}", "idp.client_secret_required")]
    [InlineData("{\"name\": \"x\", \"type\": \"openid\", \"settings\": {\"issuer\": \"https://id.example\", \"client_id\": \"c\", \"client_secret\": \"s\", \"scopes\": [\"a b\"]}}", "idp.scopes_invalid")]
    public async Task AddIdentityProvider_BadInput_Is400AndAddsNothing(string raw, string code)
    {
        var account = await OwnAccount.CreateAsync(server);

        (await (await account.Owner.Client.PostRawAsync("/public/v1/idps", raw)).ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe(code);

        (await account.Owner.Client.GetAsync("/public/v1/idps?limit=0")).ContentRange().ShouldEndWith("/0");
    }

    [Fact]
    public async Task AddOpenId_WithSeveralWrongFields_ListsEveryProblem_AndAddsNothing()
    {
        var account = await OwnAccount.CreateAsync(server);

        var refused = await account.Owner.Client.PostJsonAsync("/public/v1/idps", new
        {
            name = " ", type = "openid", settings = new { issuer = "ftp://id.example", scopes = TwoWordScope },
        });

        (await refused.ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe("idp.name_required");
        (await refused.JsonAsync())["errors"]!.AsArray().Count.ShouldBe(5); // name, scopes, issuer, client id, client secret
        (await account.Owner.Client.GetAsync("/public/v1/idps?limit=0")).ContentRange().ShouldEndWith("/0");
    }

    [Fact]
    public async Task AddOpenId_WithAnHttpIssuer_SaysHttpIsOnlyForLoopback()
    {
        var account = await OwnAccount.CreateAsync(server);

        var refused = await account.Owner.Client.PostJsonAsync("/public/v1/idps", new
        {
            name = "x", type = "openid", settings = new { issuer = "http://id.example", client_id = "c", client_secret = "s" },
        });

        (await refused.JsonAsync())["errors"]![0]!.GetValue<string>().ShouldContain("loopback");
    }

    [Fact]
    public async Task UpdateOpenId_WithoutASecret_KeepsIt_AndBumpsTheRevision_AndTheAuditNeverHoldsTheSecret()
    {
        var account = await OwnAccount.CreateAsync(server);
        var created = await AddOpenIdAsync(account.Owner.Client);
        var id = created["id"]!.GetValue<string>();

        var renamed = await (await account.Owner.Client.PutJsonAsync($"/public/v1/idps/{id}", new { name = "Renamed", settings = new { client_id = "roster-2" } }))
            .ExpectAsync(HttpStatusCode.OK);
        await (await account.Owner.Client.PutJsonAsync($"/public/v1/idps/{id}", new { settings = new { client_secret = "a second secret" } }))
            .ExpectAsync(HttpStatusCode.OK);

        renamed["name"]!.GetValue<string>().ShouldBe("Renamed");
        renamed["settings"]!["client_id"]!.GetValue<string>().ShouldBe("roster-2");
        renamed["settings"]!["issuer"]!.GetValue<string>().ShouldBe("https://id.frontstreet.example");
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RosterDbContext>();
        var provider = await db.IdentityProviders.AsNoTracking().SingleAsync(p => p.Id == id);
        provider.Revision.ShouldBe(3);
        scope.ServiceProvider.GetRequiredService<Roster.Sso.ClientSecrets>().Reveal(provider.ClientSecret!).ShouldBe("a second secret");
        var changes = await db.AuditEntries.AsNoTracking().Where(e => e.ObjectId == id).Select(e => e.Changes).ToListAsync();
        changes.Count.ShouldBe(3);
        changes.ShouldAllBe(c => c == null || (!c.Contains(Secret) && !c.Contains("a second secret")));
    }

    [Fact]
    public async Task RemoveIdentityProvider_WhileADomainNamesIt_Is400InUse_AndAfterwardsIs204()
    {
        var account = await OwnAccount.CreateAsync(server);
        var domain = await server.VerifiedDomainAsync(account.Owner.Client);
        var idp = await AddOpenIdAsync(account.Owner.Client);
        var id = idp["id"]!.GetValue<string>();
        await (await account.Owner.Client.PutJsonAsync($"/public/v1/domains/{domain["id"]}", new { auth = new { idp = new { id } } })).ExpectAsync(HttpStatusCode.OK);

        (await (await account.Owner.Client.DeleteAsync($"/public/v1/idps/{id}")).ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe("idp.in_use");
        (await account.Owner.Client.DeleteAsync($"/public/v1/domains/{domain["id"]}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await account.Owner.Client.DeleteAsync($"/public/v1/idps/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await (await account.Owner.Client.GetAsync($"/public/v1/idps/{id}")).ExpectErrorAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnotherAccount_CannotReadUpdateTestOrRemoveAProvider()
    {
        var account = await OwnAccount.CreateAsync(server);
        var idp = await AddOpenIdAsync(account.Owner.Client);
        var id = idp["id"]!.GetValue<string>();
        var stranger = await OwnAccount.CreateAsync(server);

        await (await stranger.Owner.Client.GetAsync($"/public/v1/idps/{id}")).ExpectErrorAsync(HttpStatusCode.NotFound);
        await (await stranger.Owner.Client.PutJsonAsync($"/public/v1/idps/{id}", new { name = "mine" })).ExpectErrorAsync(HttpStatusCode.NotFound);
        await (await stranger.Owner.Client.PostJsonAsync($"/public/v1/idps/{id}/test", null)).ExpectErrorAsync(HttpStatusCode.NotFound);
        await (await stranger.Owner.Client.DeleteAsync($"/public/v1/idps/{id}")).ExpectErrorAsync(HttpStatusCode.NotFound);
        (await (await stranger.Owner.Client.GetAsync("/public/v1/idps")).ExpectAsync(HttpStatusCode.OK)).AsArray().ShouldBeEmpty();
        (await (await account.Owner.Client.GetAsync($"/public/v1/idps/{id}")).ExpectAsync(HttpStatusCode.OK))["name"]!.GetValue<string>().ShouldBe("Front Street ID");
    }

    [Fact]
    public async Task Test_AgainstARealProvider_AnswersItsIssuerAndEndpoints()
    {
        await using var provider = await OidcProvider.StartAsync(new OidcProvider.Client("roster", Secret, ["http://127.0.0.1:1/callback"]));
        var account = await OwnAccount.CreateAsync(server);
        var idp = await AddOpenIdAsync(account.Owner.Client, provider.Issuer);

        var tested = await (await account.Owner.Client.PostJsonAsync($"/public/v1/idps/{idp["id"]}/test", null)).ExpectAsync(HttpStatusCode.OK);

        tested["ok"]!.GetValue<bool>().ShouldBeTrue();
        tested["issuer"]!.GetValue<string>().ShouldBe(provider.Issuer);
        tested["authorization_endpoint"]!.GetValue<string>().ShouldStartWith(provider.Issuer);
        tested["token_endpoint"]!.GetValue<string>().ShouldStartWith(provider.Issuer);
        tested["jwks_uri"]!.GetValue<string>().ShouldStartWith(provider.Issuer);
    }

    [Fact]
    public async Task Test_WithAnIssuerTheProviderDoesNotName_AnswersTheReason()
    {
        await using var provider = await OidcProvider.StartAsync(new OidcProvider.Client("roster", Secret, ["http://127.0.0.1:1/callback"]));
        var account = await OwnAccount.CreateAsync(server);
        var wrong = provider.Issuer.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        var idp = await AddOpenIdAsync(account.Owner.Client, wrong);

        var tested = await (await account.Owner.Client.PostJsonAsync($"/public/v1/idps/{idp["id"]}/test", null)).ExpectAsync(HttpStatusCode.OK);

        tested["ok"]!.GetValue<bool>().ShouldBeFalse();
        tested["reason"]!.GetValue<string>().ShouldContain(provider.Issuer);
        tested["reason"]!.GetValue<string>().ShouldContain(wrong);
    }

    [Fact]
    public async Task Test_WhenNothingAnswers_SaysTheProviderIsUnreachable()
    {
        var account = await OwnAccount.CreateAsync(server);
        var idp = await AddOpenIdAsync(account.Owner.Client, "http://127.0.0.1:1");

        var tested = await (await account.Owner.Client.PostJsonAsync($"/public/v1/idps/{idp["id"]}/test", null)).ExpectAsync(HttpStatusCode.OK);

        tested["ok"]!.GetValue<bool>().ShouldBeFalse();
        tested["reason"]!.GetValue<string>().ShouldContain("could not be reached");
    }
}
