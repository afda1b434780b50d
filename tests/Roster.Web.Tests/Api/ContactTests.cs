using System.Net;
using System.Text.Json.Nodes;
using Roster.Modules;
using Roster.Web.Tests.Infrastructure;
using static Roster.Web.Tests.Api.PartnerSteps;

namespace Roster.Web.Tests.Api;

/// <summary>/accounts/{a}/contacts: the contract, bad input, authorization, tenancy and concurrent saves.</summary>
public sealed class ContactTests(RosterServer server) : IClassFixture<RosterServer>
{
    [Fact]
    public async Task PutContacts_ActiveMembers_AnswersTheTaggedContacts_AndGetAnswersTheSame()
    {
        var account = await server.NewAccountAsync("vendor", "Contacts Vendor");
        var bob = await server.AddMemberAsync(account, account.AdministratorsId, "Bob Technical");

        var saved = await account.SetContactsAsync([bob.Id, account.AdminId], [account.AdminId]);

        var read = await account.Admin.GetAsync(ContactsPath(account.Id));
        (await read.ExpectAsync(HttpStatusCode.OK)).ToJsonString().ShouldBe(saved.ToJsonString());
        read.ContentRange().ShouldBe("items 0-1/2");
        var items = saved.AsArray();
        items.Select(c => c!["id"]!.GetValue<string>()).ShouldBe([bob.Id, account.AdminId]);
        items[0]!["email"]!.GetValue<string>().ShouldBe(bob.Email);
        items[0]!["name"]!.GetValue<string>().ShouldBe("Bob Technical");
        Tags(items[0]!).ShouldBe(["Technical"]);
        Tags(items[1]!).ShouldBe(["Technical", "Business"]);
        items[1]!["tags"]![1]!["id"]!.GetValue<string>().ShouldBe("TA-BUSINESS");
    }

    [Fact]
    public async Task PutContacts_EmptyLists_ClearsThem()
    {
        var account = await server.NewAccountAsync("vendor", "Clearing Vendor");
        await account.SetContactsAsync([account.AdminId], [account.AdminId]);

        (await account.SetContactsAsync([], [])).AsArray().ShouldBeEmpty();

        (await (await account.Admin.GetAsync(ContactsPath(account.Id))).ExpectAsync(HttpStatusCode.OK)).AsArray().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("{\"technical\": [{\"id\": \"ADMIN\"}]}", "contacts.lists_required")]
    [InlineData("{\"business\": []}", "contacts.lists_required")]
    [InlineData("{\"technical\": [{\"id\": \"ADMIN\"}], \"business\": [{\"id\": \"UR-000-000-000\"}]}", "contacts.not_active_member")]
    [InlineData("{\"technical\": [{\"id\": \"ADMIN\"}], \"business\": [{}]}", "contacts.user_required")]
    [InlineData("{\"technical\": [{\"id\": \"ADMIN\"}], \"business\": [null]}", "contacts.user_required")]
    [InlineData("{\"technical\": \"ADMIN\", \"business\": []}", "request.invalid_json")]
    [InlineData("{\"technical\": [{\"id\": 5}], \"business\": []}", "request.invalid_json")]
    [InlineData("not json", "request.invalid_json")]
    public async Task PutContacts_BadInput_Is400AndChangesNothing(string raw, string code)
    {
        var account = await server.NewAccountAsync("vendor", "Strict Vendor");
        var before = await account.SetContactsAsync([], [account.AdminId]);

        var response = await account.Admin.PutAsync(ContactsPath(account.Id), Json(raw.Replace("ADMIN", account.AdminId, StringComparison.Ordinal)));

        (await response.ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe(code);
        (await (await account.Admin.GetAsync(ContactsPath(account.Id))).ExpectAsync(HttpStatusCode.OK)).ToJsonString().ShouldBe(before.ToJsonString());
    }

    public enum NotAMember { Invited, OfAnotherAccount, WithNoAccount }

    [Theory]
    [InlineData(NotAMember.Invited)]
    [InlineData(NotAMember.OfAnotherAccount)]
    [InlineData(NotAMember.WithNoAccount)]
    public async Task PutContacts_WithAnyoneButAnActiveMember_Is400AndChangesNothing(NotAMember who)
    {
        var account = await server.NewAccountAsync("vendor", "Careful Vendor");
        var before = await account.SetContactsAsync([account.AdminId], []);
        var id = who switch
        {
            NotAMember.Invited => (await (await account.Admin.PostJsonAsync($"/public/v1/accounts/{account.Id}/users", new
            {
                name = "Not Yet",
                email = $"invited-{Guid.NewGuid():N}@partners.test",
                groups = new[] { new { id = account.AdministratorsId } },
            })).ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<string>(),
            NotAMember.OfAnotherAccount => (await server.NewAccountAsync("reseller", "Other Reseller")).AdminId,
            _ => await UsersOnServer.CreateAsync(server, $"loner-{Guid.NewGuid():N}@partners.test"),
        };

        var response = await account.Admin.PutJsonAsync(ContactsPath(account.Id), new { technical = new[] { new { id = account.AdminId } }, business = new[] { new { id } } });

        (await response.ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe("contacts.not_active_member");
        (await (await account.Admin.GetAsync(ContactsPath(account.Id))).ExpectAsync(HttpStatusCode.OK)).ToJsonString().ShouldBe(before.ToJsonString());
    }

    [Fact]
    public async Task Contacts_OfAnotherAccount_Are404_ToItsMembersAndTokens()
    {
        var account = await server.NewAccountAsync("vendor", "Private Vendor");
        await account.SetContactsAsync([account.AdminId], [account.AdminId]);
        var stranger = await server.NewAccountAsync("distributor", "Stranger Distribution");
        var strangerToken = server.WithApiKey(await stranger.Admin.CreateActiveTokenAsync(ModuleCatalog.Account));
        var body = new { technical = new[] { new { id = stranger.AdminId } }, business = Array.Empty<object>() };

        foreach (var client in new[] { stranger.Admin, strangerToken, await UsersOnServer.SignedInStrangerAsync(server) })
        {
            await (await client.GetAsync(ContactsPath(account.Id))).ExpectErrorAsync(HttpStatusCode.NotFound);
            await (await client.PutJsonAsync(ContactsPath(account.Id), body)).ExpectErrorAsync(HttpStatusCode.NotFound);
        }
        await (await server.CreateClient().GetAsync(ContactsPath(account.Id))).ExpectErrorAsync(HttpStatusCode.Unauthorized);
        (await (await account.Admin.GetAsync(ContactsPath(account.Id))).ExpectAsync(HttpStatusCode.OK)).AsArray().ShouldHaveSingleItem()!["id"]!
            .GetValue<string>().ShouldBe(account.AdminId);
    }

    [Fact]
    public async Task PutContacts_WithoutTheAccountModule_Is403_ButReadingIsAllowed()
    {
        var account = await server.NewAccountAsync("vendor", "Layered Vendor");
        var viewer = await server.AddMemberAsync(account, await account.ViewersGroupAsync());
        var token = server.WithApiKey(await account.Admin.CreateActiveTokenAsync(ModuleCatalog.Integrations));
        var body = new { technical = new[] { new { id = viewer.Id } }, business = Array.Empty<object>() };

        await (await viewer.Client.PutJsonAsync(ContactsPath(account.Id), body)).ExpectErrorAsync(HttpStatusCode.Forbidden);
        await (await token.PutJsonAsync(ContactsPath(account.Id), body)).ExpectErrorAsync(HttpStatusCode.Forbidden);

        (await (await viewer.Client.GetAsync(ContactsPath(account.Id))).ExpectAsync(HttpStatusCode.OK)).AsArray().ShouldBeEmpty();
        (await (await token.GetAsync(ContactsPath(account.Id))).ExpectAsync(HttpStatusCode.OK)).AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task RemoveMember_WhoIsAContact_DisappearsFromContacts_AndFromWhatPartnersSee()
    {
        var account = await server.NewAccountAsync("vendor", "Shrinking Vendor");
        var partner = await server.NewAccountAsync("distributor", "Watching Distribution");
        var bob = await server.AddMemberAsync(account, account.AdministratorsId, "Bob Leaving");
        await account.SetContactsAsync([bob.Id], [bob.Id, account.AdminId]);
        await account.InviteAsync(partner);
        await partner.AcceptAsync(account);

        await (await account.Admin.DeleteAsync($"/public/v1/accounts/{account.Id}/users/{bob.Id}")).ExpectAsync(HttpStatusCode.NoContent);

        var contacts = await (await account.Admin.GetAsync(ContactsPath(account.Id))).ExpectAsync(HttpStatusCode.OK);
        contacts.AsArray().Select(c => c!["id"]!.GetValue<string>()).ShouldBe([account.AdminId]);
        var seen = await (await partner.Admin.GetAsync($"/public/v1/partners/{account.Id}")).ExpectAsync(HttpStatusCode.OK);
        seen["contacts"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()).ShouldBe([account.AdminId]);
    }

    [Fact]
    public async Task PutContacts_TwoAdministratorsAtOnce_LeaveExactlyOneRequestsLists()
    {
        var account = await server.NewAccountAsync("vendor", "Busy Vendor");
        var second = await server.AddMemberAsync(account, account.AdministratorsId, "Second Admin");
        var a = await server.AddMemberAsync(account, account.AdministratorsId, "Person A");
        var b = await server.AddMemberAsync(account, account.AdministratorsId, "Person B");
        for (var round = 1; round <= 5; round++)
        {
            var first = new { technical = new[] { new { id = a.Id }, new { id = b.Id } }, business = new[] { new { id = account.AdminId } } };
            var other = new { technical = new[] { new { id = second.Id } }, business = new[] { new { id = a.Id }, new { id = b.Id } } };

            var responses = await Task.WhenAll(
                account.Admin.PutJsonAsync(ContactsPath(account.Id), first),
                second.Client.PutJsonAsync(ContactsPath(account.Id), other));

            responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK, $"round {round}");
            var final = Summary(await (await account.Admin.GetAsync(ContactsPath(account.Id))).ExpectAsync(HttpStatusCode.OK));
            var expected = new[] { Summary(await responses[0].JsonAsync()), Summary(await responses[1].JsonAsync()) };
            expected.ShouldContain(final, $"round {round}");
            expected[0].ShouldNotBe(expected[1]);
        }
    }

    private static string Summary(JsonNode contacts) => string.Join(";", contacts.AsArray()
        .Select(c => c!["id"]!.GetValue<string>() + ":" + string.Join(",", Tags(c)))
        .Order(StringComparer.Ordinal));

    private static List<string> Tags(JsonNode contact) => [.. contact["tags"]!.AsArray().Select(t => t!["name"]!.GetValue<string>())];

    private static StringContent Json(string raw) => new(raw, System.Text.Encoding.UTF8, "application/json");
}
