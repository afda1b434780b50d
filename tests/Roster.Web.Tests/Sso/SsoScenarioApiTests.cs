using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Roster.Modules;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Sso;

/// <summary>
/// The whole scenario through the API, as an integration would run it with an ApiKey holding the Account and
/// Users modules: claim and verify the company's domain, connect its OpenID provider, attach and enforce it, invite a
/// person of that domain, who registers through the provider from the mailed link; their password is then refused
/// and both the Users list and the domain's directory show them signing in through the provider.
/// </summary>
public sealed partial class SsoScenarioApiTests(DomainServer server) : IClassFixture<DomainServer>, IAsyncLifetime
{
    private const string Secret = "the scenario's client secret";
    private static readonly string[] Scopes = ["openid", "email", "profile"];
    private OidcProvider _provider = null!;

    public async Task InitializeAsync()
    {
        // The provider's ID tokens carry the real time; Roster's clock must agree to accept them.
        server.Clock.CatchUpWithRealTime();
        _provider = await OidcProvider.StartAsync(new OidcProvider.Client("roster-scenario", Secret, [new Uri(server.BaseAddress, "/sso/*").ToString()]));
    }

    public async Task DisposeAsync() => await _provider.DisposeAsync();

    [Fact]
    public async Task Scenario_ApiKeyClaimsConnectsEnforcesAndInvites_InviteeSignsInOnlyThroughTheProvider()
    {
        var account = await OwnAccount.CreateAsync(server);
        using var api = server.WithApiKey(await account.Owner.Client.CreateActiveTokenAsync(ModuleCatalog.Account, ModuleCatalog.Users));
        var name = DomainServer.NewDomain();

        var added = await (await api.PostJsonAsync("/public/v1/domains", new { domain = name, name = "Front Street" })).ExpectAsync(HttpStatusCode.Created);
        added["status"]!.GetValue<string>().ShouldBe("pending");
        var domainId = added["id"]!.GetValue<string>();
        server.PublishRecordOf(added);
        var verified = await (await api.PostJsonAsync($"/public/v1/domains/{domainId}/verify", null)).ExpectAsync(HttpStatusCode.OK);
        verified["status"]!.GetValue<string>().ShouldBe("verified");

        var idp = await (await api.PostJsonAsync("/public/v1/idps", new
        {
            name = "Front Street Login", type = "openid",
            settings = new { issuer = _provider.Issuer, client_id = "roster-scenario", client_secret = Secret, scopes = Scopes },
        })).ExpectAsync(HttpStatusCode.Created);
        var idpId = idp["id"]!.GetValue<string>();
        var attached = await (await api.PutJsonAsync($"/public/v1/domains/{domainId}", new { auth = new { idp = new { id = idpId }, enforce = true } }))
            .ExpectAsync(HttpStatusCode.OK);
        attached["auth"]!["idp"]!["id"]!.GetValue<string>().ShouldBe(idpId);
        attached["auth"]!["enforce"]!.GetValue<bool>().ShouldBeTrue();

        var email = $"ivy@{name}";
        // A group granting no module: the token may only hand out modules it holds, so not the Administrators group.
        var staff = await account.GroupAsync();
        var invited = await (await api.PostJsonAsync(account.Path("/users"),
            new { name = "Ivy Invitee", email, groups = new[] { new { id = staff } } })).ExpectAsync(HttpStatusCode.Created);
        var userId = invited["id"]!.GetValue<string>();
        invited["status"]!.GetValue<string>().ShouldBe("invited");

        var invitee = server.CreateClient();
        var invitation = await (await invitee.GetAsync(MailingServer.LinkIn(await server.MailToAsync(email)))).Content.ReadAsStringAsync();
        var start = WebUtility.HtmlDecode(StartLink().Match(invitation).Groups[1].Value);
        start.ShouldStartWith($"/sso/{idpId}/start");
        var landed = await invitee.FollowAsync(await invitee.ThroughProviderAsync(start, $"{email};name=Ivy Invitee"));
        landed.SetsSession().ShouldBeTrue();
        var accounts = await (await invitee.GetAsync($"/public/v1/users/{userId}/accounts")).ExpectAsync(HttpStatusCode.OK);
        accounts.AsArray().Select(a => a!["id"]!.GetValue<string>()).ShouldContain(account.Id);

        var refused = await server.CreateClient().PostJsonAsync("/public/v1/auth/login", new { email, password = "a password Ivy never had" });
        (await refused.ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe("auth.sso_required");
        (await refused.Content.ReadAsStringAsync()).ShouldContain("Front Street Login");
        refused.SetsSession().ShouldBeFalse();

        var member = await (await api.GetAsync(account.Path($"/users/{userId}"))).ExpectAsync(HttpStatusCode.OK);
        member["status"]!.GetValue<string>().ShouldBe("active");
        member["idp"]!["id"]!.GetValue<string>().ShouldBe(idpId);
        var byProvider = await (await api.GetAsync(account.Path($"/users?idp.id={idpId}"))).ExpectAsync(HttpStatusCode.OK);
        OwnAccount.Ids(byProvider).ShouldBe([userId]);
        var directory = await (await api.GetAsync($"/public/v1/domains/{domainId}/users")).ExpectAsync(HttpStatusCode.OK);
        var person = directory.AsArray().ShouldHaveSingleItem()!;
        person["id"]!.GetValue<string>().ShouldBe(userId);
        person["idp"]!["id"]!.GetValue<string>().ShouldBe(idpId);
        Body(person).ShouldContain(email);
    }

    private static string Body(JsonNode node) => node.ToJsonString();

    [GeneratedRegex("href=\"(/sso/[^\"]+/start[^\"]*)\"")]
    private static partial Regex StartLink();
}
