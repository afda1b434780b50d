using System.Net;
using System.Text.Json.Nodes;
using Roster.Modules;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Api;

/// <summary>An account made through the API by its own administrator, who is signed in and working in it.</summary>
public sealed record ApiAccount(HttpClient Admin, string Id, string AdminId, string AdminEmail, string AdministratorsId);

/// <summary>Steps shared by the partner and contact tests: accounts, members, partnerships and contact lists over HTTP.</summary>
public static class PartnerSteps
{
    public static async Task<ApiAccount> NewAccountAsync(this RosterServer server, string role, string name)
    {
        var email = $"{role}-{Guid.NewGuid():N}@partners.test";
        var userId = await UsersOnServer.CreateAsync(server, email, $"{name} Admin");
        var client = server.CreateClient();
        await (await client.PostJsonAsync("/public/v1/auth/login", new { email, password = UsersOnServer.Password })).ExpectAsync(HttpStatusCode.Created);
        var id = (await (await client.PostJsonAsync("/public/v1/accounts", new { name, role })).ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
        await (await client.PostJsonAsync("/public/v1/auth/context", new { account = new { id } })).ExpectAsync(HttpStatusCode.Created);
        var groups = await (await client.GetAsync($"/public/v1/accounts/{id}/groups")).ExpectAsync(HttpStatusCode.OK);
        return new ApiAccount(client, id, userId, email, groups.AsArray().Single()!["id"]!.GetValue<string>());
    }

    /// <summary>An existing user added to the account (active at once) in <paramref name="groupId"/>; signed in there.</summary>
    public static async Task<(string Id, string Email, HttpClient Client)> AddMemberAsync(this RosterServer server, ApiAccount account, string groupId, string name = "Member")
    {
        var email = $"member-{Guid.NewGuid():N}@partners.test";
        var userId = await UsersOnServer.CreateAsync(server, email, name);
        await (await account.Admin.PostJsonAsync($"/public/v1/accounts/{account.Id}/users", new { name, email, groups = new[] { new { id = groupId } } }))
            .ExpectAsync(HttpStatusCode.Created);
        var client = server.CreateClient();
        await (await client.PostJsonAsync("/public/v1/auth/login", new { email, password = UsersOnServer.Password })).ExpectAsync(HttpStatusCode.Created);
        await (await client.PostJsonAsync("/public/v1/auth/context", new { account = new { id = account.Id } })).ExpectAsync(HttpStatusCode.Created);
        return (userId, email, client);
    }

    /// <summary>A group of the account with no modules: its members read but cannot change anything.</summary>
    public static async Task<string> ViewersGroupAsync(this ApiAccount account) =>
        (await (await account.Admin.PostJsonAsync($"/public/v1/accounts/{account.Id}/groups", new { name = $"Viewers {Guid.NewGuid():N}"[..20] }))
            .ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();

    public static async Task<JsonNode> SetContactsAsync(this ApiAccount account, string[] technical, string[] business) =>
        await (await account.Admin.PutJsonAsync(ContactsPath(account.Id), new
        {
            technical = technical.Select(id => new { id }),
            business = business.Select(id => new { id }),
        })).ExpectAsync(HttpStatusCode.OK);

    public static async Task InviteAsync(this ApiAccount from, ApiAccount to) =>
        await (await from.Admin.PostJsonAsync("/public/v1/partners", new { id = to.Id })).ExpectAsync(HttpStatusCode.Created);

    public static async Task AcceptAsync(this ApiAccount by, ApiAccount inviter) =>
        await (await by.Admin.PostJsonAsync($"/public/v1/partners/{inviter.Id}/accept", null)).ExpectAsync(HttpStatusCode.OK);

    public static async Task TerminateAsync(this ApiAccount by, ApiAccount other) =>
        await (await by.Admin.PostJsonAsync($"/public/v1/partners/{other.Id}/terminate", null)).ExpectAsync(HttpStatusCode.OK);

    public static string ContactsPath(string accountId) => $"/public/v1/accounts/{accountId}/contacts";
}

/// <summary>/partners: inviting, accepting and terminating, and the rule that contacts show only while active.</summary>
public sealed class PartnerTests(RosterServer server) : IClassFixture<RosterServer>
{
    [Fact]
    public async Task Invite_Accept_Terminate_FollowTheLifecycle_AndContactsShowOnlyWhileActive()
    {
        var (vendor, distributor) = await PairAsync();

        var invited = await (await vendor.Admin.PostJsonAsync("/public/v1/partners", new { id = distributor.Id })).ExpectAsync(HttpStatusCode.Created);
        invited["id"]!.GetValue<string>().ShouldBe(distributor.Id);
        invited["name"]!.GetValue<string>().ShouldBe("Balboa Distribution");
        invited["status"]!.GetValue<string>().ShouldBe("invited");
        invited["type"]!.GetValue<string>().ShouldBe("provider");
        invited["role"]!.GetValue<string>().ShouldBe("distributor");
        invited.AsObject().ContainsKey("contacts").ShouldBeFalse();
        var seenInvited = await (await distributor.Admin.GetAsync($"/public/v1/partners/{vendor.Id}")).ExpectAsync(HttpStatusCode.OK);
        seenInvited["status"]!.GetValue<string>().ShouldBe("invited");
        seenInvited["type"]!.GetValue<string>().ShouldBe("vendor");
        seenInvited.AsObject().ContainsKey("contacts").ShouldBeFalse();

        var accepted = await (await distributor.Admin.PostJsonAsync($"/public/v1/partners/{vendor.Id}/accept", null)).ExpectAsync(HttpStatusCode.OK);
        accepted["status"]!.GetValue<string>().ShouldBe("active");
        var seenActive = await (await distributor.Admin.GetAsync($"/public/v1/partners/{vendor.Id}")).ExpectAsync(HttpStatusCode.OK);
        var contact = seenActive["contacts"]!.AsArray().ShouldHaveSingleItem()!;
        contact["id"]!.GetValue<string>().ShouldBe(vendor.AdminId);
        contact["email"]!.GetValue<string>().ShouldBe(vendor.AdminEmail);
        contact["name"]!.GetValue<string>().ShouldBe("Front Vendor Admin");
        contact["tags"]!.AsArray().Select(t => (t!["id"]!.GetValue<string>(), t["name"]!.GetValue<string>()))
            .ShouldBe([("TA-TECHNICAL", "Technical"), ("TA-BUSINESS", "Business")]);

        var terminated = await (await distributor.Admin.PostJsonAsync($"/public/v1/partners/{vendor.Id}/terminate", null)).ExpectAsync(HttpStatusCode.OK);
        terminated["status"]!.GetValue<string>().ShouldBe("terminated");
        terminated.AsObject().ContainsKey("contacts").ShouldBeFalse();
        (await (await distributor.Admin.GetAsync($"/public/v1/partners/{vendor.Id}")).ExpectErrorAsync(HttpStatusCode.NotFound)).ShouldBe("partners.not_found");
        (await (await vendor.Admin.GetAsync($"/public/v1/partners/{distributor.Id}")).ExpectErrorAsync(HttpStatusCode.NotFound)).ShouldBe("partners.not_found");
        (await (await distributor.Admin.GetAsync("/public/v1/partners")).ExpectAsync(HttpStatusCode.OK)).AsArray().ShouldBeEmpty();
    }

    public enum Relation { Invited, Terminated, Unrelated }

    /// <summary>No way in: the detail, the list, any filter, search or select shows no contacts unless active.</summary>
    [Theory]
    [InlineData(Relation.Invited)]
    [InlineData(Relation.Terminated)]
    [InlineData(Relation.Unrelated)]
    public async Task Contacts_OfANonActivePartner_AreNeverVisible_ThroughAnyQuery(Relation relation)
    {
        var (vendor, distributor) = await PairAsync();
        if (relation != Relation.Unrelated) await vendor.InviteAsync(distributor);
        if (relation == Relation.Terminated)
        {
            await distributor.AcceptAsync(vendor);
            await vendor.TerminateAsync(distributor);
        }

        var detail = await distributor.Admin.GetAsync($"/public/v1/partners/{vendor.Id}");
        if (relation == Relation.Invited) (await detail.ExpectAsync(HttpStatusCode.OK)).AsObject().ContainsKey("contacts").ShouldBeFalse();
        else await detail.ExpectErrorAsync(HttpStatusCode.NotFound);
        foreach (var query in new[] { "", "?eq(status,active)", "?eq(id," + vendor.Id + ")", "?search=Vendor", "?select(contacts)", "?ilike(name,*vendor*)" })
        {
            var response = await distributor.Admin.GetAsync("/public/v1/partners" + query);
            var text = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.OK, query);
            text.ShouldNotContain(vendor.AdminEmail, customMessage: query);
            text.ShouldNotContain("contacts", customMessage: query);
        }
        (await (await distributor.Admin.GetAsync("/public/v1/partners?eq(contacts.email," + vendor.AdminEmail + ")")).ExpectErrorAsync(HttpStatusCode.BadRequest))
            .ShouldStartWith("rql.");
    }

    [Fact]
    public async Task Terminate_ActivePartnership_HidesContactsAtOnce_FromBothSides()
    {
        var (vendor, distributor) = await PairAsync();
        await vendor.InviteAsync(distributor);
        await distributor.AcceptAsync(vendor);
        (await (await vendor.Admin.GetAsync("/public/v1/partners")).ExpectAsync(HttpStatusCode.OK))[0]!["contacts"]!.AsArray().ShouldHaveSingleItem();

        await vendor.TerminateAsync(distributor);

        (await (await distributor.Admin.GetAsync("/public/v1/partners?limit=0")).ExpectAsync(HttpStatusCode.OK)).AsArray().ShouldBeEmpty();
        (await distributor.Admin.GetAsync("/public/v1/partners?limit=0")).ContentRange().ShouldBe("items 0-0/0");
        await (await distributor.Admin.GetAsync($"/public/v1/partners/{vendor.Id}")).ExpectErrorAsync(HttpStatusCode.NotFound);
        await (await vendor.Admin.PostJsonAsync($"/public/v1/partners/{distributor.Id}/terminate", null)).ExpectErrorAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ListPartners_FiltersOrdersAndSearchesWithRql()
    {
        var vendor = await server.NewAccountAsync("vendor", "Hub Vendor");
        var distributor = await server.NewAccountAsync("distributor", "Alpha Distribution");
        var reseller = await server.NewAccountAsync("reseller", "Beta Resale");
        await vendor.InviteAsync(distributor);
        await vendor.InviteAsync(reseller);
        await reseller.AcceptAsync(vendor);

        async Task<List<string>> IdsAsync(string query)
        {
            var response = await vendor.Admin.GetAsync("/public/v1/partners" + query);
            return [.. (await response.ExpectAsync(HttpStatusCode.OK)).AsArray().Select(p => p!["id"]!.GetValue<string>())];
        }

        (await IdsAsync("")).ShouldBe([distributor.Id, reseller.Id]);
        (await IdsAsync("?ordering(-name)")).ShouldBe([reseller.Id, distributor.Id]);
        (await IdsAsync("?eq(status,active)")).ShouldBe([reseller.Id]);
        (await IdsAsync("?status=invited")).ShouldBe([distributor.Id]);
        (await IdsAsync("?eq(role,reseller)")).ShouldBe([reseller.Id]);
        (await IdsAsync("?eq(type,provider)&ordering(name)")).ShouldBe([distributor.Id, reseller.Id]);
        (await IdsAsync($"?in(id,({distributor.Id},PA-000-000))")).ShouldBe([distributor.Id]);
        (await IdsAsync("?search=alpha")).ShouldBe([distributor.Id]);
        (await IdsAsync("?ilike(name,*resale*)")).ShouldBe([reseller.Id]);
        (await vendor.Admin.GetAsync("/public/v1/partners?limit=1")).ContentRange().ShouldBe("items 0-0/2");
        (await (await vendor.Admin.GetAsync("/public/v1/partners?eq(status,bogus)")).ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldStartWith("rql.");
        (await (await vendor.Admin.GetAsync("/public/v1/partners?eq(nope,1)")).ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldStartWith("rql.");
    }

    [Theory]
    [InlineData("{}", "partners.account_required")]
    [InlineData("{\"id\": \"  \"}", "partners.account_required")]
    [InlineData("{\"id\": \"PA-000-000\"}", "partners.unknown_account")]
    [InlineData("{\"id\": \"SELF\"}", "partners.self")]
    [InlineData("{\"id\": 5}", "request.invalid_json")]
    [InlineData("not json", "request.invalid_json")]
    public async Task Invite_BadInput_Is400AndInvitesNobody(string raw, string code)
    {
        var vendor = await server.NewAccountAsync("vendor", "Lonely Vendor");

        var response = await vendor.Admin.PostRawAsync("/public/v1/partners", raw.Replace("SELF", vendor.Id, StringComparison.Ordinal));

        (await response.ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe(code);
        (await vendor.Admin.GetAsync("/public/v1/partners?limit=0")).ContentRange().ShouldBe("items 0-0/0");
    }

    [Fact]
    public async Task Invite_Twice_OrBackwards_Is400_AndTheInviterCannotAccept()
    {
        var (vendor, distributor) = await PairAsync();
        await vendor.InviteAsync(distributor);

        (await (await vendor.Admin.PostJsonAsync("/public/v1/partners", new { id = distributor.Id })).ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe("partners.exists");
        (await (await distributor.Admin.PostJsonAsync("/public/v1/partners", new { id = vendor.Id })).ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe("partners.exists");
        (await (await vendor.Admin.PostJsonAsync($"/public/v1/partners/{distributor.Id}/accept", null)).ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe("partners.not_invitee");
        (await (await distributor.Admin.GetAsync("/public/v1/partners")).ExpectAsync(HttpStatusCode.OK)).AsArray().ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Partners_OfAThirdAccount_AreInvisible_AndItCannotAcceptOrTerminateThem()
    {
        var (vendor, distributor) = await PairAsync();
        var third = await server.NewAccountAsync("reseller", "Nosy Reseller");
        await vendor.InviteAsync(distributor);
        await distributor.AcceptAsync(vendor);

        (await (await third.Admin.GetAsync("/public/v1/partners")).ExpectAsync(HttpStatusCode.OK)).AsArray().ShouldBeEmpty();
        await (await third.Admin.GetAsync($"/public/v1/partners/{vendor.Id}")).ExpectErrorAsync(HttpStatusCode.NotFound);
        await (await third.Admin.PostJsonAsync($"/public/v1/partners/{vendor.Id}/accept", null)).ExpectErrorAsync(HttpStatusCode.NotFound);
        await (await third.Admin.PostJsonAsync($"/public/v1/partners/{vendor.Id}/terminate", null)).ExpectErrorAsync(HttpStatusCode.NotFound);
        var stillActive = await (await distributor.Admin.GetAsync($"/public/v1/partners/{vendor.Id}")).ExpectAsync(HttpStatusCode.OK);
        stillActive["status"]!.GetValue<string>().ShouldBe("active");
    }

    [Fact]
    public async Task Changes_NeedTheAccountModule_ButAnyMemberOrTokenReads()
    {
        var (vendor, distributor) = await PairAsync();
        await vendor.InviteAsync(distributor);
        var viewer = await server.AddMemberAsync(distributor, await distributor.ViewersGroupAsync());
        var readToken = server.WithApiKey(await distributor.Admin.CreateActiveTokenAsync(ModuleCatalog.Integrations));
        var accountToken = server.WithApiKey(await distributor.Admin.CreateActiveTokenAsync(ModuleCatalog.Account));

        (await (await viewer.Client.GetAsync($"/public/v1/partners/{vendor.Id}")).ExpectAsync(HttpStatusCode.OK))["status"]!.GetValue<string>().ShouldBe("invited");
        (await (await readToken.GetAsync("/public/v1/partners")).ExpectAsync(HttpStatusCode.OK)).AsArray().ShouldHaveSingleItem();
        await (await viewer.Client.PostJsonAsync($"/public/v1/partners/{vendor.Id}/accept", null)).ExpectErrorAsync(HttpStatusCode.Forbidden);
        await (await readToken.PostJsonAsync($"/public/v1/partners/{vendor.Id}/terminate", null)).ExpectErrorAsync(HttpStatusCode.Forbidden);
        await (await viewer.Client.PostJsonAsync("/public/v1/partners", new { id = vendor.Id })).ExpectErrorAsync(HttpStatusCode.Forbidden);

        (await (await accountToken.PostJsonAsync($"/public/v1/partners/{vendor.Id}/accept", null)).ExpectAsync(HttpStatusCode.OK))["status"]!.GetValue<string>().ShouldBe("active");
    }

    [Fact]
    public async Task Partners_WithoutSignIn_Is401()
    {
        (await (await server.CreateClient().GetAsync("/public/v1/partners")).ExpectErrorAsync(HttpStatusCode.Unauthorized)).ShouldNotBeNullOrEmpty();
    }

    /// <summary>A vendor and a distributor whose founders are each their account's technical and business contact.</summary>
    private async Task<(ApiAccount Vendor, ApiAccount Distributor)> PairAsync()
    {
        var vendor = await server.NewAccountAsync("vendor", "Front Vendor");
        var distributor = await server.NewAccountAsync("distributor", "Balboa Distribution");
        await vendor.SetContactsAsync([vendor.AdminId], [vendor.AdminId]);
        await distributor.SetContactsAsync([distributor.AdminId], [distributor.AdminId]);
        return (vendor, distributor);
    }
}
