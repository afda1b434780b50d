using System.Net;
using Roster.Modules;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Api;

public sealed class TokenTests(RosterServer server) : IClassFixture<RosterServer>
{
    [Fact]
    public async Task CreateToken_WithoutExtension_IsPendingCustomAndShowsSecretOnce()
    {
        var admin = await server.SignedInClientAsync();

        var created = await (await admin.PostJsonAsync("/public/v1/auth/tokens", new { name = "Billing sync" })).ExpectAsync(HttpStatusCode.Created);

        var id = created["id"]!.GetValue<string>();
        id.ShouldMatch(@"^SU-\d{3}-\d{3}-\d{3}$");
        created["status"]!.GetValue<string>().ShouldBe("pending");
        created["extension"]!["id"]!.GetValue<string>().ShouldBe("custom");
        created["owner"]!["name"]!.GetValue<string>().ShouldBe(RosterServer.AccountName);
        created["token"]!.GetValue<string>().ShouldStartWith($"ApiKey {id}:");
        var again = await (await admin.GetAsync($"/public/v1/auth/tokens/{id}")).ExpectAsync(HttpStatusCode.OK);
        again.AsObject().ContainsKey("token").ShouldBeFalse();
    }

    [Fact]
    public async Task CreateToken_WithCustomExtension_IsAccepted_AndUnknownExtensionIs400()
    {
        var admin = await server.SignedInClientAsync();

        await (await admin.PostJsonAsync("/public/v1/auth/tokens", new { name = "x", extension = new { id = "custom" } })).ExpectAsync(HttpStatusCode.Created);
        await (await admin.PostJsonAsync("/public/v1/auth/tokens", new { name = "x", extension = new { id = "EX-1" } })).ExpectErrorAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"name\": \"\"}")]
    [InlineData("{\"name\": \"x\", \"expiration_date\": \"2001-01-01T00:00:00Z\"}")]
    [InlineData("{\"name\": \"x\", \"expiration_date\": \"yesterday\"}")]
    public async Task CreateToken_BadInput_Is400AndCreatesNothing(string raw)
    {
        var admin = await server.SignedInClientAsync();
        var before = (await admin.GetAsync("/public/v1/auth/tokens?limit=0")).ContentRange();

        await (await admin.PostRawAsync("/public/v1/auth/tokens", raw)).ExpectErrorAsync(HttpStatusCode.BadRequest);

        (await admin.GetAsync("/public/v1/auth/tokens?limit=0")).ContentRange().ShouldBe(before);
    }

    [Fact]
    public async Task PendingToken_CannotAuthenticate_UntilActivated()
    {
        var admin = await server.SignedInClientAsync();
        var created = await (await admin.PostJsonAsync("/public/v1/auth/tokens", new { name = "pending" })).ExpectAsync(HttpStatusCode.Created);
        var client = server.WithApiKey(created["token"]!.GetValue<string>());

        await (await client.GetAsync("/public/v1/accounts")).ExpectErrorAsync(HttpStatusCode.Unauthorized);
        await (await admin.PostJsonAsync($"/public/v1/auth/tokens/{created["id"]}/activate", null)).ExpectAsync(HttpStatusCode.OK);
        await (await client.GetAsync("/public/v1/accounts")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ActiveToken_ListsItsOwnAccountWithContentRange()
    {
        var admin = await server.SignedInClientAsync();
        var token = server.WithApiKey(await admin.CreateActiveTokenAsync());

        var response = await token.GetAsync("/public/v1/accounts");

        var accounts = (await response.ExpectAsync(HttpStatusCode.OK)).AsArray();
        accounts.Count.ShouldBe(1);
        accounts[0]!["name"]!.GetValue<string>().ShouldBe(RosterServer.AccountName);
        response.ContentRange().ShouldBe("items 0-0/1");
        var context = await (await token.GetAsync("/public/v1/auth/context")).ExpectAsync(HttpStatusCode.OK);
        context["account"]!["name"]!.GetValue<string>().ShouldBe(RosterServer.AccountName);
    }

    [Fact]
    public async Task Token_ActsOnlyWithinItsModules()
    {
        var admin = await server.SignedInClientAsync();
        var accountId = (await (await admin.GetAsync("/public/v1/auth/context")).JsonAsync())["account"]!["id"]!.GetValue<string>();
        var withoutModules = server.WithApiKey(await admin.CreateActiveTokenAsync());
        var withAccount = server.WithApiKey(await admin.CreateActiveTokenAsync(ModuleCatalog.Account));

        await (await withoutModules.PutJsonAsync($"/public/v1/accounts/{accountId}", new { description = "no" })).ExpectErrorAsync(HttpStatusCode.Forbidden);
        await (await withoutModules.GetAsync("/public/v1/auth/tokens")).ExpectErrorAsync(HttpStatusCode.Forbidden);
        await (await withAccount.PutJsonAsync($"/public/v1/accounts/{accountId}", new { description = "by token" })).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task DeactivatedToken_IsRefusedOnItsNextRequest()
    {
        var admin = await server.SignedInClientAsync();
        var header = await admin.CreateActiveTokenAsync();
        var client = server.WithApiKey(header);
        await (await client.GetAsync("/public/v1/accounts")).ExpectAsync(HttpStatusCode.OK);

        var id = header.Split(' ', ':')[1];
        var deactivated = await (await admin.PostJsonAsync($"/public/v1/auth/tokens/{id}/deactivate", null)).ExpectAsync(HttpStatusCode.OK);

        deactivated["status"]!.GetValue<string>().ShouldBe("inactive");
        await (await client.GetAsync("/public/v1/accounts")).ExpectErrorAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task RotateToken_OldSecretDies_NewOneWorks()
    {
        var admin = await server.SignedInClientAsync();
        var header = await admin.CreateActiveTokenAsync();
        var id = header.Split(' ', ':')[1];

        var rotated = await (await admin.PostJsonAsync($"/public/v1/auth/tokens/{id}/rotate", null)).ExpectAsync(HttpStatusCode.OK);

        var fresh = rotated["token"]!.GetValue<string>();
        fresh.ShouldNotBe(header);
        await (await server.WithApiKey(header).GetAsync("/public/v1/accounts")).ExpectErrorAsync(HttpStatusCode.Unauthorized);
        await (await server.WithApiKey(fresh).GetAsync("/public/v1/accounts")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task DeleteToken_Answers204_AndTheTokenIsGone()
    {
        var admin = await server.SignedInClientAsync();
        var header = await admin.CreateActiveTokenAsync();
        var id = header.Split(' ', ':')[1];

        (await admin.DeleteAsync($"/public/v1/auth/tokens/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await (await admin.GetAsync($"/public/v1/auth/tokens/{id}")).ExpectErrorAsync(HttpStatusCode.NotFound);
        await (await server.WithApiKey(header).GetAsync("/public/v1/accounts")).ExpectErrorAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task UpdateToken_ChangesNameAndDescription_AndRejectsTooLongName()
    {
        var admin = await server.SignedInClientAsync();
        var created = await (await admin.PostJsonAsync("/public/v1/auth/tokens", new { name = "before" })).ExpectAsync(HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();

        var updated = await (await admin.PutJsonAsync($"/public/v1/auth/tokens/{id}", new { name = "after", description = "d" })).ExpectAsync(HttpStatusCode.OK);
        await (await admin.PutJsonAsync($"/public/v1/auth/tokens/{id}", new { name = new string('x', 129) })).ExpectErrorAsync(HttpStatusCode.BadRequest);

        updated["name"]!.GetValue<string>().ShouldBe("after");
        updated["description"]!.GetValue<string>().ShouldBe("d");
        var read = await (await admin.GetAsync($"/public/v1/auth/tokens/{id}")).ExpectAsync(HttpStatusCode.OK);
        read["name"]!.GetValue<string>().ShouldBe("after");
    }

    [Fact]
    public async Task Permissions_GrantListRevoke_AndUnknownModuleIs400()
    {
        var admin = await server.SignedInClientAsync();
        var id = (await (await admin.PostJsonAsync("/public/v1/auth/tokens", new { name = "perms" })).ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();

        await (await admin.PostJsonAsync($"/public/v1/auth/tokens/{id}/permissions", new { id = "MD-0001" })).ExpectAsync(HttpStatusCode.Created);
        await (await admin.PostJsonAsync($"/public/v1/auth/tokens/{id}/permissions", new[] { new { @object = new { id = "MD-0007" } } })).ExpectAsync(HttpStatusCode.Created);
        await (await admin.PostJsonAsync($"/public/v1/auth/tokens/{id}/permissions", new { id = "MD-9999" })).ExpectErrorAsync(HttpStatusCode.BadRequest);

        var listed = await admin.GetAsync($"/public/v1/auth/tokens/{id}/permissions");
        (await listed.ExpectAsync(HttpStatusCode.OK)).AsArray().Select(p => p!["id"]!.GetValue<string>()).ShouldBe(["MD-0001", "MD-0007"]);
        listed.ContentRange().ShouldBe("items 0-1/2");

        (await admin.DeleteAsync($"/public/v1/auth/tokens/{id}/permissions/MD-0001")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var after = await (await admin.GetAsync($"/public/v1/auth/tokens/{id}")).ExpectAsync(HttpStatusCode.OK);
        after["permissions"]!.AsArray().Select(p => p!["id"]!.GetValue<string>()).ShouldBe(["MD-0007"]);
    }

    [Fact]
    public async Task ListTokens_FiltersWithRql()
    {
        var admin = await server.SignedInClientAsync();
        await admin.PostJsonAsync("/public/v1/auth/tokens", new { name = "rql-alpha" });
        await admin.PostJsonAsync("/public/v1/auth/tokens", new { name = "rql-beta" });

        var response = await admin.GetAsync("/public/v1/auth/tokens?and(like(name,rql-*),eq(status,pending))&ordering(-name)");

        var names = (await response.ExpectAsync(HttpStatusCode.OK)).AsArray().Select(t => t!["name"]!.GetValue<string>()).ToList();
        names.ShouldBe(["rql-beta", "rql-alpha"]);
        await (await admin.GetAsync("/public/v1/auth/tokens?eq(status,bogus)")).ExpectErrorAsync(HttpStatusCode.BadRequest);
    }
}
