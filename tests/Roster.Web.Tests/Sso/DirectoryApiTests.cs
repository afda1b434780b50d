using System.Net;
using System.Text.Json.Nodes;
using Roster.Sso;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Sso;

/// <summary>
/// /domains/{d}/users: the people of an account's verified domain, whichever accounts they belong to, without a
/// word about those other accounts; and pointing one of them at another of the account's providers.
/// </summary>
public sealed class DirectoryApiTests(RosterServer server) : IClassFixture<RosterServer>
{
    private sealed record Arranged(
        OwnAccount Account, OwnAccount Elsewhere, string Domain, string DomainName, string Okta, string Alice, string Bob, string Carol);

    /// <summary>Alice (a member) and Bob (a member of another account only) in the domain; Carol outside it.</summary>
    private async Task<Arranged> ArrangeAsync()
    {
        var account = await OwnAccount.CreateAsync(server);
        var elsewhere = await OwnAccount.CreateAsync(server);
        var name = $"d-{Guid.NewGuid():N}"[..14] + ".test";
        var okta = await SsoOnServer.ProviderAsync(server, account.Id, "Okta");
        var domain = await SsoOnServer.DomainAsync(server, account.Id, name, providerId: okta);

        async Task<string> InviteAsync(OwnAccount into, string who, string email) =>
            (await (await into.Owner.Client.PostJsonAsync(into.Path("/users"),
                new { name = who, email, groups = new[] { new { id = into.AdministratorsId } } })).ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();

        var alice = await InviteAsync(account, "Alice Inside", $"alice@{name}");
        var bob = await InviteAsync(elsewhere, "Bob Elsewhere", $"Bob@{name.ToUpperInvariant()}");
        var carol = await InviteAsync(account, "Carol Outside", $"carol@not-{name}");
        return new Arranged(account, elsewhere, domain, name, okta, alice, bob, carol);
    }

    private static Task<HttpResponseMessage> GetAsync(Arranged a, string path) => a.Account.Owner.Client.GetAsync($"/public/v1/domains/{a.Domain}{path}");

    [Fact]
    public async Task ListDomainUsers_VerifiedDomain_ListsItsPeopleMembersOrNot()
    {
        var a = await ArrangeAsync();

        var response = await GetAsync(a, "/users");

        var people = (await response.ExpectAsync(HttpStatusCode.OK)).AsArray().ToDictionary(p => p!["id"]!.GetValue<string>(), p => p!);
        people.Keys.Order().ShouldBe(new[] { a.Alice, a.Bob }.Order());
        response.ContentRange().ShouldBe("items 0-1/2");
        people[a.Alice]["member"]!.GetValue<bool>().ShouldBeTrue();
        people[a.Bob]["member"]!.GetValue<bool>().ShouldBeFalse();
        people[a.Bob]["idp"]!["name"]!.GetValue<string>().ShouldBe("Okta");
        people[a.Bob]["email"]!.GetValue<string>().ShouldBe($"Bob@{a.DomainName.ToUpperInvariant()}");
    }

    [Fact]
    public async Task ListDomainUsers_PersonOfAnotherAccount_RevealsNothingAboutThatAccount()
    {
        var a = await ArrangeAsync();
        var elsewhere = await (await a.Elsewhere.Owner.Client.GetAsync(a.Elsewhere.Path())).ExpectAsync(HttpStatusCode.OK);

        var list = await GetAsync(a, "/users");
        var single = await GetAsync(a, $"/users/{a.Bob}");

        list.StatusCode.ShouldBe(HttpStatusCode.OK);
        single.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await list.Content.ReadAsStringAsync();
        var one = await single.Content.ReadAsStringAsync();
        body.ShouldContain(a.Bob);
        one.ShouldContain("Bob Elsewhere");

        foreach (var text in new[] { body, one })
        {
            text.ShouldNotContain(a.Elsewhere.Id);
            text.ShouldNotContain(elsewhere["name"]!.GetValue<string>());
            text.ShouldNotContain(a.Elsewhere.AdministratorsId);
            text.ShouldNotContain(a.Elsewhere.Owner.Id);
        }
    }

    [Fact]
    public async Task ListDomainUsers_FiltersAndPages()
    {
        var a = await ArrangeAsync();
        async Task<List<string>> IdsAsync(string query) => OwnAccount.Ids(await (await GetAsync(a, $"/users?{query}")).ExpectAsync(HttpStatusCode.OK));

        (await IdsAsync("ilike(email,alice*)")).ShouldBe([a.Alice]);
        await SsoOnServer.LinkAsync(server, a.Bob, a.Okta, "00u-bob-at-okta");
        (await IdsAsync("eq(external_id,00u-bob-at-okta)")).ShouldBe([a.Bob]);
        (await IdsAsync("eq(external_id,null())&ordering(name)")).ShouldBe([a.Alice]);
        (await IdsAsync($"eq(idp.id,{a.Okta})&ordering(name)")).ShouldBe([a.Alice, a.Bob]);
        (await IdsAsync("eq(idp.id,null())")).ShouldBeEmpty();
        (await IdsAsync("ordering(-name)&limit=1&offset=1")).ShouldBe([a.Alice]);
        (await IdsAsync("search=Elsewhere")).ShouldBe([a.Bob]);
        var page = await GetAsync(a, "/users?ordering(name)&limit=1");
        page.ContentRange().ShouldBe("items 0-0/2");
        (await (await GetAsync(a, "/users?gt(name,x)")).ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe("rql.lookup_not_allowed");
    }

    [Fact]
    public async Task DomainUsers_OtherAccountsOrUnverifiedDomainOrOutsider_Are404()
    {
        var a = await ArrangeAsync();
        var pending = await SsoOnServer.DomainAsync(server, a.Account.Id, $"p-{Guid.NewGuid():N}"[..12] + ".test", DomainStatus.Pending);
        var theirs = await SsoOnServer.DomainAsync(server, a.Elsewhere.Id, $"t-{Guid.NewGuid():N}"[..12] + ".test");

        (await (await a.Account.Owner.Client.GetAsync($"/public/v1/domains/{theirs}/users")).ExpectErrorAsync(HttpStatusCode.NotFound)).ShouldBe("domain.not_found");
        (await (await a.Account.Owner.Client.GetAsync($"/public/v1/domains/{pending}/users")).ExpectErrorAsync(HttpStatusCode.NotFound)).ShouldBe("domain.not_found");
        (await (await a.Elsewhere.Owner.Client.GetAsync($"/public/v1/domains/{a.Domain}/users/{a.Bob}")).ExpectErrorAsync(HttpStatusCode.NotFound)).ShouldBe("domain.not_found");
        (await (await GetAsync(a, $"/users/{a.Carol}")).ExpectErrorAsync(HttpStatusCode.NotFound)).ShouldBe("domain.user_not_found");
        (await (await a.Account.Owner.Client.PutJsonAsync($"/public/v1/domains/{a.Domain}/users/{a.Carol}", new { idp = new { id = a.Okta } }))
            .ExpectErrorAsync(HttpStatusCode.NotFound)).ShouldBe("domain.user_not_found");
    }

    [Fact]
    public async Task DomainUsers_MemberWithoutTheAccountModule_IsRefused()
    {
        var a = await ArrangeAsync();
        var plain = await a.Account.MemberAsync(await a.Account.GroupAsync());

        (await plain.Client.GetAsync($"/public/v1/domains/{a.Domain}/users")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await plain.Client.PutJsonAsync($"/public/v1/domains/{a.Domain}/users/{a.Bob}", new { idp = new { id = a.Okta } })).StatusCode
            .ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task PutDomainUser_OwnProvider_PointsThePersonThereAndIsAudited()
    {
        var a = await ArrangeAsync();
        var entra = await SsoOnServer.ProviderAsync(server, a.Account.Id, "Entra");

        var put = await (await a.Account.Owner.Client.PutJsonAsync($"/public/v1/domains/{a.Domain}/users/{a.Bob}", new { idp = new { id = entra } }))
            .ExpectAsync(HttpStatusCode.OK);

        put["idp"]!["id"]!.GetValue<string>().ShouldBe(entra);
        (await (await GetAsync(a, $"/users/{a.Bob}")).ExpectAsync(HttpStatusCode.OK))["idp"]!["name"]!.GetValue<string>().ShouldBe("Entra");
        var trail = (await (await a.Account.Owner.Client.GetAsync(a.Account.Path($"/audit?eq(action.id,1607)&eq(object.id,{a.Bob})")))
            .ExpectAsync(HttpStatusCode.OK)).AsArray();
        trail.Count.ShouldBe(1);

        var back = await (await a.Account.Owner.Client.PutJsonAsync($"/public/v1/domains/{a.Domain}/users/{a.Bob}", new { idp = (object?)null }))
            .ExpectAsync(HttpStatusCode.OK);
        back["idp"]!["id"]!.GetValue<string>().ShouldBe(a.Okta);
    }

    [Fact]
    public async Task PutDomainUser_AnotherAccountsProvider_IsRefusedAndChangesNothing()
    {
        var a = await ArrangeAsync();
        var theirs = await SsoOnServer.ProviderAsync(server, a.Elsewhere.Id, "Theirs");

        var response = await a.Account.Owner.Client.PutJsonAsync($"/public/v1/domains/{a.Domain}/users/{a.Alice}", new { idp = new { id = theirs } });

        (await response.ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe("idp.unknown");
        (await (await GetAsync(a, $"/users/{a.Alice}")).ExpectAsync(HttpStatusCode.OK))["idp"]!["id"]!.GetValue<string>().ShouldBe(a.Okta);
    }

    [Theory]
    [InlineData("{}", "domain.idp_required")]
    [InlineData("{\"idp\": \"ID-1\"}", "domain.idp_required")]
    [InlineData("{\"idp\": {\"id\": 5}}", "domain.idp_required")]
    [InlineData("[1]", "request.invalid_json")]
    [InlineData("{\"idp\": ", "request.invalid_json")]
    public async Task PutDomainUser_BadBody_Is400WithConnectsBody(string raw, string code)
    {
        var a = await ArrangeAsync();
        var request = new HttpRequestMessage(HttpMethod.Put, $"/public/v1/domains/{a.Domain}/users/{a.Alice}")
        {
            Content = new StringContent(raw, System.Text.Encoding.UTF8, "application/json"),
        };

        var response = await a.Account.Owner.Client.SendAsync(request);

        (await response.ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe(code);
        var body = await response.Content.ReadAsStringAsync();
        JsonNode.Parse(body)!["errors"]!.AsArray().Count.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task DomainUsers_ApiKeyWithTheAccountModule_ListsAndChangesLikeAnAdministrator()
    {
        var a = await ArrangeAsync();
        var entra = await SsoOnServer.ProviderAsync(server, a.Account.Id, "Entra");
        using var token = server.WithApiKey(await a.Account.Owner.Client.CreateActiveTokenAsync(Roster.Modules.ModuleCatalog.Account));
        using var without = server.WithApiKey(await a.Account.Owner.Client.CreateActiveTokenAsync(Roster.Modules.ModuleCatalog.Integrations));

        OwnAccount.Ids(await (await token.GetAsync($"/public/v1/domains/{a.Domain}/users?ordering(name)")).ExpectAsync(HttpStatusCode.OK))
            .ShouldBe([a.Alice, a.Bob]);
        await (await token.PutJsonAsync($"/public/v1/domains/{a.Domain}/users/{a.Alice}", new { idp = new { id = entra } })).ExpectAsync(HttpStatusCode.OK);
        (await without.GetAsync($"/public/v1/domains/{a.Domain}/users")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
