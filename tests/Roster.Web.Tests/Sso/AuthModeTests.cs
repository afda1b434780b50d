using System.Net;
using System.Text.Json.Nodes;
using Roster.Sso;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Sso;

/// <summary>
/// The Users list names how each member signs in (Connect's <c>idp</c> and <c>domain</c>), by the one rule of
/// SignInRoutes: the person's own provider if the domain's account set one, else the verified domain's; a
/// <c>system</c> provider or none is Roster's password.
/// </summary>
public sealed class AuthModeTests(RosterServer server) : IClassFixture<RosterServer>
{
    private sealed record People(OwnAccount Account, Dictionary<string, string> Ids, string Okta, string Entra, string Password, string VerifiedDomain);

    /// <summary>One member per case, each in a domain of its own so other tests' domains never interfere.</summary>
    private async Task<People> ArrangeAsync()
    {
        var account = await OwnAccount.CreateAsync(server);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var okta = await SsoOnServer.ProviderAsync(server, account.Id, "Okta");
        var entra = await SsoOnServer.ProviderAsync(server, account.Id, "Entra");
        var password = await SsoOnServer.ProviderAsync(server, account.Id, "Built-in", IdentityProviderType.System);
        await SsoOnServer.DomainAsync(server, account.Id, $"pending-{tag}.test", DomainStatus.Pending, okta);
        await SsoOnServer.DomainAsync(server, account.Id, $"bare-{tag}.test");
        var verified = await SsoOnServer.DomainAsync(server, account.Id, $"sso-{tag}.test", providerId: okta, enforce: true);

        var ids = new Dictionary<string, string>();
        foreach (var (key, email) in new[]
                 {
                     ("none", $"none@nodomain-{tag}.test"), ("pending", $"p@pending-{tag}.test"), ("bare", $"b@bare-{tag}.test"),
                     ("sso", $"s@SSO-{tag}.test"), ("system", $"y@sso-{tag}.test"), ("other", $"o@sso-{tag}.test"),
                 })
        {
            var invited = await (await account.Owner.Client.PostJsonAsync(account.Path("/users"),
                new { name = $"{tag} {key}", email, groups = new[] { new { id = account.AdministratorsId } } })).ExpectAsync(HttpStatusCode.Created);
            ids[key] = invited["id"]!.GetValue<string>();
        }

        await SsoOnServer.OverrideAsync(server, verified, ids["system"], password);
        await SsoOnServer.OverrideAsync(server, verified, ids["other"], entra);
        return new People(account, ids, okta, entra, password, verified);
    }

    private static async Task<Dictionary<string, JsonNode>> ListAsync(People people, string query = "")
    {
        var list = await (await people.Account.Owner.Client.GetAsync(people.Account.Path($"/users?limit=100&{query}"))).ExpectAsync(HttpStatusCode.OK);
        return list.AsArray().ToDictionary(u => u!["id"]!.GetValue<string>(), u => u!);
    }

    [Fact]
    public async Task ListUsers_EachKindOfMember_ShowsTheProviderTheyUse()
    {
        var people = await ArrangeAsync();

        var listed = await ListAsync(people);

        JsonNode User(string key) => listed[people.Ids[key]];
        User("none")["idp"]!["type"]!.GetValue<string>().ShouldBe("system");
        User("none")["idp"]!["id"].ShouldBeNull();
        User("none")["domain"].ShouldBeNull();
        User("pending")["idp"]!["type"]!.GetValue<string>().ShouldBe("system");
        User("pending")["idp"]!["id"].ShouldBeNull();
        User("pending")["domain"].ShouldBeNull();
        User("bare")["idp"]!["type"]!.GetValue<string>().ShouldBe("system");
        User("bare")["idp"]!["id"].ShouldBeNull();
        User("bare")["domain"]!["auth"]!["enforce"]!.GetValue<bool>().ShouldBeFalse();
        User("sso")["idp"]!["id"]!.GetValue<string>().ShouldBe(people.Okta);
        User("sso")["idp"]!["name"]!.GetValue<string>().ShouldBe("Okta");
        User("sso")["idp"]!["type"]!.GetValue<string>().ShouldBe("openid");
        User("sso")["domain"]!["id"]!.GetValue<string>().ShouldBe(people.VerifiedDomain);
        User("sso")["domain"]!["auth"]!["enforce"]!.GetValue<bool>().ShouldBeTrue();
        User("system")["idp"]!["id"]!.GetValue<string>().ShouldBe(people.Password);
        User("system")["idp"]!["type"]!.GetValue<string>().ShouldBe("system");
        User("system")["domain"]!["auth"]!["idp"]!["id"]!.GetValue<string>().ShouldBe(people.Okta);
        User("other")["idp"]!["id"]!.GetValue<string>().ShouldBe(people.Entra);
    }

    [Fact]
    public async Task GetUser_OneMember_ShowsTheSameProviderAsTheList()
    {
        var people = await ArrangeAsync();

        var user = await (await people.Account.Owner.Client.GetAsync(people.Account.Path($"/users/{people.Ids["other"]}"))).ExpectAsync(HttpStatusCode.OK);

        user["idp"]!["name"]!.GetValue<string>().ShouldBe("Entra");
    }

    [Fact]
    public async Task ListUsers_FilteredByIdp_FindsEveryWayOfGettingIt()
    {
        var people = await ArrangeAsync();

        async Task<string[]> KeysAsync(string filter)
        {
            var listed = await ListAsync(people, filter);
            return [.. people.Ids.Where(p => listed.ContainsKey(p.Value)).Select(p => p.Key).Order()];
        }

        (await KeysAsync($"eq(idp.id,{people.Okta})")).ShouldBe(["sso"]);
        (await KeysAsync($"eq(idp.id,{people.Entra})")).ShouldBe(["other"]);
        (await KeysAsync($"in(idp.id,({people.Okta},{people.Password}))")).ShouldBe(["sso", "system"]);
        (await KeysAsync($"out(idp.id,({people.Okta},{people.Password}))")).ShouldBe(["bare", "none", "other", "pending"]);
        (await KeysAsync($"ne(idp.id,{people.Okta})")).ShouldBe(["bare", "none", "other", "pending", "system"]);
        (await KeysAsync("eq(idp.id,null())")).ShouldBe(["bare", "none", "pending"]);
        (await KeysAsync($"eq(domain.id,{people.VerifiedDomain})")).ShouldBe(["other", "sso", "system"]);
        (await KeysAsync($"and(eq(domain.id,{people.VerifiedDomain}),ne(idp.id,{people.Okta}),eq(status,invited))")).ShouldBe(["other", "system"]);
        (await KeysAsync($"like(idp.id,{people.Entra[..6]}*)")).ShouldContain("other");
        await SsoOnServer.LinkAsync(server, people.Ids["sso"], people.Okta, "00u-sso-at-okta");
        (await KeysAsync("eq(external_id,00u-sso-at-okta)")).ShouldBe(["sso"]);
    }

    [Fact]
    public async Task ListUsers_FilteredByIdp_PagesWithTheFilteredTotal()
    {
        var people = await ArrangeAsync();

        var response = await people.Account.Owner.Client.GetAsync(
            people.Account.Path($"/users?in(idp.id,({people.Okta},{people.Entra},{people.Password}))&ordering(name)&limit=2&offset=1"));

        var page = await response.ExpectAsync(HttpStatusCode.OK);
        response.ContentRange().ShouldBe("items 1-2/3");
        page.AsArray().Select(u => u!["id"]!.GetValue<string>()).ShouldBe([people.Ids["sso"], people.Ids["system"]]);
    }

    [Fact]
    public async Task ListUsers_IdpFilterWithABadLookup_Is400()
    {
        var people = await ArrangeAsync();

        (await (await people.Account.Owner.Client.GetAsync(people.Account.Path("/users?gt(idp.id,ID-1)"))).ExpectErrorAsync(HttpStatusCode.BadRequest))
            .ShouldBe("rql.lookup_not_allowed");
    }

    [Fact]
    public async Task UsersPage_AuthModeColumn_SaysBuiltInOrSsoWithTheProvider()
    {
        var people = await ArrangeAsync();

        var html = await (await people.Account.Owner.Client.GetAsync("/settings/users?rows=100")).Content.ReadAsStringAsync();

        string Row(string key)
        {
            var start = html.IndexOf($"data-testid=\"user-{people.Ids[key]}\"", StringComparison.Ordinal);
            start.ShouldBeGreaterThan(0, html);
            return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
        }

        Row("none").ShouldContain(">Built-in<");
        Row("bare").ShouldContain(">Built-in<");
        Row("system").ShouldContain(">Built-in<");
        Row("sso").ShouldContain(">SSO (Okta)<");
        Row("other").ShouldContain(">SSO (Entra)<");
    }

    [Fact]
    public async Task UsersPage_FilteredByProvider_ListsOnlyThoseWhoSignInThroughIt()
    {
        var people = await ArrangeAsync();

        var html = await (await people.Account.Owner.Client.GetAsync($"/settings/users?rows=100&provider={people.Okta}")).Content.ReadAsStringAsync();

        string[] listed = [.. people.Ids.Where(p => html.Contains($"data-testid=\"user-{p.Value}\"", StringComparison.Ordinal)).Select(p => p.Key).Order()];
        listed.ShouldBe(["sso"]);
        html.ShouldContain($"<option value=\"{people.Okta}\" selected=\"selected\">Okta</option>");
        html.ShouldContain("Filtered users");
    }

    [Fact]
    public async Task ListVisibleUsers_FilteredByIdpOrDomain_ShowsTheProviderTheyUse()
    {
        var people = await ArrangeAsync();

        async Task<JsonArray> ListAsync(string query) =>
            (await (await people.Account.Owner.Client.GetAsync($"/public/v1/users?limit=100&{query}")).ExpectAsync(HttpStatusCode.OK)).AsArray();

        var byIdp = await ListAsync($"in(idp.id,({people.Entra},{people.Password}))&ordering(name)");
        byIdp.Select(u => u!["id"]!.GetValue<string>()).ShouldBe([people.Ids["other"], people.Ids["system"]]);
        byIdp[0]!["idp"]!["name"]!.GetValue<string>().ShouldBe("Entra");
        byIdp[0]!["domain"]!["id"]!.GetValue<string>().ShouldBe(people.VerifiedDomain);
        (await ListAsync($"eq(domain.id,{people.VerifiedDomain})")).Count.ShouldBe(3);
    }
}
