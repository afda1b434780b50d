using System.Net;
using System.Text.Json.Nodes;
using Roster.Audit;
using Roster.Modules;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Profile;

/// <summary>/users/{u}/contacts: a user's own phone numbers, Connect's auth.UserContact.</summary>
public sealed class UserContactApiTests(RosterServer server) : IClassFixture<RosterServer>
{
    private static object Phone(string number = "555 0100", string country = "+1", string? area = "212") =>
        new { type = "phone", value = new { country_code = country, area_code = area, phone_number = number } };

    [Fact]
    public async Task AddContact_Phone_AnswersConnectsShape_AndListsAndReadsIt()
    {
        var me = await Person.CreateAsync(server, "Cora Contact");

        var created = await (await me.Client.PostJsonAsync(me.Path("/contacts"), Phone())).ExpectAsync(HttpStatusCode.Created);

        var id = created["id"]!.GetValue<string>();
        id.ShouldMatch(@"^UC-\d{3}-\d{3}-\d{3}-\d{3}$");
        foreach (var required in new[] { "type", "status", "tags" }) created.AsObject().ContainsKey(required).ShouldBeTrue(required);
        created["type"]!.GetValue<string>().ShouldBe("phone");
        created["status"]!.GetValue<string>().ShouldBe("draft");
        created["value"]!["country_code"]!.GetValue<string>().ShouldBe("+1");
        created["value"]!["area_code"]!.GetValue<string>().ShouldBe("212");
        created["value"]!["phone_number"]!.GetValue<string>().ShouldBe("555 0100");
        created["tags"]!.AsArray().ShouldBeEmpty();
        created["events"]!["created"]!["by"]!["id"]!.GetValue<string>().ShouldBe(me.Id);
        created["events"]!["created"]!["by"]!["name"]!.GetValue<string>().ShouldBe("Cora Contact");
        (await me.AuditAsync(AuditAction.UserContactAdded)).ShouldHaveSingleItem().ObjectId.ShouldBe(me.Id);

        var read = await (await me.Client.GetAsync(me.Path($"/contacts/{id}"))).ExpectAsync(HttpStatusCode.OK);
        read.ToJsonString().ShouldBe(created.ToJsonString());
        var list = await me.Client.GetAsync(me.Path("/contacts"));
        (await list.ExpectAsync(HttpStatusCode.OK)).AsArray().ShouldHaveSingleItem()!.ToJsonString().ShouldBe(created.ToJsonString());
        list.ContentRange().ShouldBe("items 0-0/1");
    }

    [Fact]
    public async Task ListContacts_RqlAndPaging_FilterAndPageLikeOtherLists()
    {
        var me = await Person.CreateAsync(server);
        foreach (var number in new[] { "555 0101", "555 0102", "555 0103" })
        {
            await (await me.Client.PostJsonAsync(me.Path("/contacts"), Phone(number, area: null))).ExpectAsync(HttpStatusCode.Created);
            server.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var page = await me.Client.GetAsync(me.Path("/contacts?ordering(-events.created.at)&limit=2&offset=1"));
        var items = (await page.ExpectAsync(HttpStatusCode.OK)).AsArray();
        items.Select(i => i!["value"]!["phone_number"]!.GetValue<string>()).ShouldBe(["555 0102", "555 0101"]);
        items[0]!["value"]!.AsObject().ContainsKey("area_code").ShouldBeFalse();
        page.ContentRange().ShouldBe("items 1-2/3");
        (await (await me.Client.GetAsync(me.Path("/contacts?eq(status,draft)&eq(type,phone)"))).ExpectAsync(HttpStatusCode.OK)).AsArray().Count.ShouldBe(3);
        (await (await me.Client.GetAsync(me.Path("/contacts?eq(status,verified)"))).ExpectAsync(HttpStatusCode.OK)).AsArray().ShouldBeEmpty();
        (await (await me.Client.GetAsync(me.Path("/contacts?eq(colour,red)"))).ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldStartWith("rql.");
    }

    [Theory]
    [InlineData("{\"type\": \"email\", \"value\": {\"country_code\": \"+1\", \"phone_number\": \"5550100\"}}", "user_contacts.type_invalid")]
    [InlineData("{\"value\": {\"country_code\": \"+1\", \"phone_number\": \"5550100\"}}", "user_contacts.type_invalid")]
    [InlineData("{\"type\": \"phone\"}", "user_contacts.country_code_invalid")]
    [InlineData("{\"type\": \"phone\", \"value\": {\"country_code\": \"+1234\", \"phone_number\": \"5550100\"}}", "user_contacts.country_code_invalid")]
    [InlineData("{\"type\": \"phone\", \"value\": {\"country_code\": \"1\", \"area_code\": \"2x\", \"phone_number\": \"5550100\"}}", "user_contacts.area_code_invalid")]
    [InlineData("{\"type\": \"phone\", \"value\": {\"country_code\": \"+44\", \"phone_number\": \"call me\"}}", "user_contacts.phone_number_invalid")]
    [InlineData("{\"type\": \"phone\", \"value\": {\"country_code\": \"+44\", \"phone_number\": \"55\"}}", "user_contacts.phone_number_invalid")]
    [InlineData("{\"type\": \"phone\", \"value\": {\"country_code\": \"+44\", \"phone_number\": \"555--0100\"}}", "user_contacts.phone_number_invalid")]
    [InlineData("{\"type\": \"phone\", \"value\": {\"country_code\": \"+44\", \"area_code\": \"1234\", \"phone_number\": \"1234567890123\"}}", "user_contacts.phone_number_too_long")]
    [InlineData("{\"type\": \"phone\", \"value\": {\"country_code\": 44, \"phone_number\": \"5550100\"}}", "request.invalid_json")]
    [InlineData("[]", "request.invalid_json")]
    public async Task AddContact_BadInput_Is400AndChangesNothing(string raw, string code)
    {
        var me = await Person.CreateAsync(server);

        (await (await me.Client.PostRawAsync(me.Path("/contacts"), raw)).ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe(code);

        (await (await me.Client.GetAsync(me.Path("/contacts"))).ExpectAsync(HttpStatusCode.OK)).AsArray().ShouldBeEmpty();
        (await me.AuditAsync(AuditAction.UserContactAdded)).ShouldBeEmpty();
    }

    [Fact]
    public async Task AddContact_BeyondTheLimit_Is400_AlsoWhenAddedConcurrently()
    {
        var me = await Person.CreateAsync(server);

        var answers = await Task.WhenAll(Enumerable.Range(0, 14).Select(i => me.Client.PostJsonAsync(me.Path("/contacts"), Phone($"555 {i:D4}"))));

        answers.Count(a => a.StatusCode == HttpStatusCode.Created).ShouldBe(10);
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.Created))
            (await refused.ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe("user_contacts.too_many");
        (await me.Client.GetAsync(me.Path("/contacts?limit=100"))).ContentRange().ShouldBe("items 0-9/10");
    }

    [Fact]
    public async Task UpdateContact_NoTags_AnswersItUnchanged_AndAnyTagIs400()
    {
        var me = await Person.CreateAsync(server);
        var created = await (await me.Client.PostJsonAsync(me.Path("/contacts"), Phone())).ExpectAsync(HttpStatusCode.Created);
        var path = me.Path($"/contacts/{created["id"]!.GetValue<string>()}");

        (await (await me.Client.PutJsonAsync(path, new { tags = Array.Empty<object>() })).ExpectAsync(HttpStatusCode.OK)).ToJsonString()
            .ShouldBe(created.ToJsonString());
        (await (await me.Client.PutJsonAsync(path, new { tags = new[] { new { id = "TA-MOBILE" } } })).ExpectErrorAsync(HttpStatusCode.BadRequest))
            .ShouldBe("user_contacts.unknown_tag");
        (await (await me.Client.GetAsync(path)).ExpectAsync(HttpStatusCode.OK)).ToJsonString().ShouldBe(created.ToJsonString());
    }

    [Fact]
    public async Task DeleteContact_Own_Is204_Audited_AndThen404()
    {
        var me = await Person.CreateAsync(server);
        var created = await (await me.Client.PostJsonAsync(me.Path("/contacts"), Phone())).ExpectAsync(HttpStatusCode.Created);
        var path = me.Path($"/contacts/{created["id"]!.GetValue<string>()}");

        (await me.Client.DeleteAsync(path)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await (await me.Client.GetAsync(path)).ExpectErrorAsync(HttpStatusCode.NotFound);
        await (await me.Client.DeleteAsync(path)).ExpectErrorAsync(HttpStatusCode.NotFound);
        var removed = (await me.AuditAsync(AuditAction.UserContactRemoved)).ShouldHaveSingleItem();
        JsonNode.Parse(removed.Changes!)!["value"]!.GetValue<string>().ShouldBe("+1 212 555 0100");
    }

    [Fact]
    public async Task Contacts_OfAnotherUser_Are404_ToEveryoneElse_AndChangeNothing()
    {
        var me = await Person.CreateAsync(server);
        var created = await (await me.Client.PostJsonAsync(me.Path("/contacts"), Phone())).ExpectAsync(HttpStatusCode.Created);
        var path = me.Path($"/contacts/{created["id"]!.GetValue<string>()}");
        var other = await Person.CreateAsync(server);
        var account = await OwnAccount.CreateAsync(server);
        var token = server.WithApiKey(await account.Owner.Client.CreateActiveTokenAsync(ModuleCatalog.Account));

        foreach (var client in new[] { other.Client, token, account.Owner.Client })
        {
            await (await client.GetAsync(me.Path("/contacts"))).ExpectErrorAsync(HttpStatusCode.NotFound);
            await (await client.PostJsonAsync(me.Path("/contacts"), Phone())).ExpectErrorAsync(HttpStatusCode.NotFound);
            await (await client.GetAsync(path)).ExpectErrorAsync(HttpStatusCode.NotFound);
            await (await client.PutJsonAsync(path, new { tags = Array.Empty<object>() })).ExpectErrorAsync(HttpStatusCode.NotFound);
            await (await client.DeleteAsync(path)).ExpectErrorAsync(HttpStatusCode.NotFound);
        }
        // Their own path does not reach my contact either.
        await (await other.Client.GetAsync(other.Path($"/contacts/{created["id"]!.GetValue<string>()}"))).ExpectErrorAsync(HttpStatusCode.NotFound);
        await (await other.Client.DeleteAsync(other.Path($"/contacts/{created["id"]!.GetValue<string>()}"))).ExpectErrorAsync(HttpStatusCode.NotFound);
        await (await server.CreateClient().GetAsync(me.Path("/contacts"))).ExpectErrorAsync(HttpStatusCode.Unauthorized);

        (await (await me.Client.GetAsync(me.Path("/contacts"))).ExpectAsync(HttpStatusCode.OK)).AsArray().ShouldHaveSingleItem()!
            .ToJsonString().ShouldBe(created.ToJsonString());
    }
}
