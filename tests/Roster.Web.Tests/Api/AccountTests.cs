using System.Net;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Api;

public sealed class AccountTests(RosterServer server) : IClassFixture<RosterServer>
{
    [Fact]
    public async Task CreateAccount_MakesCallerItsAdministrator_AndListsIt()
    {
        var admin = await server.SignedInClientAsync();

        var created = await (await admin.PostJsonAsync("/public/v1/accounts", new { name = "Balboa Distribution", role = "distributor" })).ExpectAsync(HttpStatusCode.Created);

        var id = created["id"]!.GetValue<string>();
        id.ShouldMatch(@"^PA-\d{3}-\d{3}$");
        created["type"]!.GetValue<string>().ShouldBe("provider");
        created["role"]!.GetValue<string>().ShouldBe("distributor");
        created["events"]!["created"]!["by"]!["name"]!.GetValue<string>().ShouldBe("Robert Balboa");
        await (await admin.PostJsonAsync("/public/v1/auth/context", new { account = new { id } })).ExpectAsync(HttpStatusCode.Created);
        await (await admin.PutJsonAsync($"/public/v1/accounts/{id}", new { description = "administrator can edit" })).ExpectAsync(HttpStatusCode.OK);
        var listed = await admin.GetAsync($"/public/v1/accounts?eq(id,{id})");
        (await listed.ExpectAsync(HttpStatusCode.OK)).AsArray().Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("{\"name\": \"\"}")]
    [InlineData("{\"name\": \"x\", \"role\": \"emperor\"}")]
    [InlineData("[1, 2]")]
    [InlineData("{\"name\": \"0123456789012345678901234567890123456789012345678901234567890123456789\"}")]
    public async Task CreateAccount_BadInput_Is400AndCreatesNothing(string raw)
    {
        var admin = await server.SignedInClientAsync();
        var before = (await admin.GetAsync("/public/v1/accounts?limit=0")).ContentRange();

        await (await admin.PostRawAsync("/public/v1/accounts", raw)).ExpectErrorAsync(HttpStatusCode.BadRequest);

        (await admin.GetAsync("/public/v1/accounts?limit=0")).ContentRange().ShouldBe(before);
    }

    [Fact]
    public async Task UpdateAccount_ChangesName_AndRecordsWhoUpdated()
    {
        var admin = await server.SignedInClientAsync();
        var id = (await (await admin.PostJsonAsync("/public/v1/accounts", new { name = "Old name" })).JsonAsync())["id"]!.GetValue<string>();

        var updated = await (await admin.PutJsonAsync($"/public/v1/accounts/{id}", new { name = "New name" })).ExpectAsync(HttpStatusCode.OK);

        updated["name"]!.GetValue<string>().ShouldBe("New name");
        updated["events"]!["updated"]!["by"]!["name"]!.GetValue<string>().ShouldBe("Robert Balboa");
        await (await admin.PutJsonAsync($"/public/v1/accounts/{id}", new { name = " " })).ExpectErrorAsync(HttpStatusCode.BadRequest);
        await (await admin.PutJsonAsync($"/public/v1/accounts/{id}", new { role = "reseller" })).ExpectErrorAsync(HttpStatusCode.BadRequest);
        var read = await (await admin.GetAsync($"/public/v1/accounts/{id}")).ExpectAsync(HttpStatusCode.OK);
        read["name"]!.GetValue<string>().ShouldBe("New name");
    }

    [Fact]
    public async Task UpdateAccount_WithEmptyDescription_ClearsIt_AndEmptyNameIsRefused()
    {
        var admin = await server.SignedInClientAsync();
        var id = (await (await admin.PostJsonAsync("/public/v1/accounts", new { name = "Describe me", description = "something" })).JsonAsync())["id"]!.GetValue<string>();

        var cleared = await (await admin.PutJsonAsync($"/public/v1/accounts/{id}", new { description = "" })).ExpectAsync(HttpStatusCode.OK);
        await (await admin.PutJsonAsync($"/public/v1/accounts/{id}", new { name = "" })).ExpectErrorAsync(HttpStatusCode.BadRequest);

        cleared.AsObject().ContainsKey("description").ShouldBeFalse();
        var read = await (await admin.GetAsync($"/public/v1/accounts/{id}")).ExpectAsync(HttpStatusCode.OK);
        read["name"]!.GetValue<string>().ShouldBe("Describe me");
        read.AsObject().ContainsKey("description").ShouldBeFalse();
    }

    [Fact]
    public async Task SwitchContext_ToAnAccountOfAnotherUser_Is404()
    {
        var admin = await server.SignedInClientAsync();
        var stranger = await UsersOnServer.SignedInStrangerAsync(server);
        var foreignId = (await (await stranger.PostJsonAsync("/public/v1/accounts", new { name = "Stranger Co" })).JsonAsync())["id"]!.GetValue<string>();

        await (await admin.PostJsonAsync("/public/v1/auth/context", new { account = new { id = foreignId } })).ExpectErrorAsync(HttpStatusCode.NotFound);
        await (await admin.PostJsonAsync("/public/v1/auth/context", new { account = new { } })).ExpectErrorAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ListAccounts_PagesWithContentRange_AndLimitZeroCounts()
    {
        var user = await UsersOnServer.SignedInStrangerAsync(server);
        for (var i = 0; i < 3; i++)
            await (await user.PostJsonAsync("/public/v1/accounts", new { name = $"Paged {i}", role = "reseller" })).ExpectAsync(HttpStatusCode.Created);

        var page = await user.GetAsync("/public/v1/accounts?limit=2&offset=1&ordering(name)");
        var count = await user.GetAsync("/public/v1/accounts?limit=0");
        var beyond = await user.GetAsync("/public/v1/accounts?offset=10");

        (await page.ExpectAsync(HttpStatusCode.OK)).AsArray().Select(a => a!["name"]!.GetValue<string>()).ShouldBe(["Paged 1", "Paged 2"]);
        page.ContentRange().ShouldBe("items 1-2/3");
        (await count.ExpectAsync(HttpStatusCode.OK)).AsArray().Count.ShouldBe(0);
        count.ContentRange().ShouldBe("items 0-0/3");
        (await beyond.ExpectAsync(HttpStatusCode.OK)).AsArray().Count.ShouldBe(0);
    }
}
