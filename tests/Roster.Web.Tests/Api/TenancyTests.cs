using System.Net;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Api;

/// <summary>A member or token of one account gets 404 on every object of another.</summary>
public sealed class TenancyTests(RosterServer server) : IClassFixture<RosterServer>
{
    [Fact]
    public async Task MemberOfAnotherAccount_GetsNotFound_OnEveryAccountTokenDomainAndProviderEndpoint()
    {
        var admin = await server.SignedInClientAsync();
        var accountId = (await (await admin.GetAsync("/public/v1/auth/context")).JsonAsync())["account"]!["id"]!.GetValue<string>();
        var tokenId = (await (await admin.PostJsonAsync("/public/v1/auth/tokens", new { name = "private" })).JsonAsync())["id"]!.GetValue<string>();
        var domainId = (await (await admin.PostJsonAsync("/public/v1/domains", new { domain = $"t{Guid.NewGuid():N}.example" })).JsonAsync())["id"]!.GetValue<string>();
        var idpId = (await (await admin.PostJsonAsync("/public/v1/idps", new { name = "private", type = "system" })).JsonAsync())["id"]!.GetValue<string>();

        var stranger = await UsersOnServer.SignedInStrangerAsync(server);
        await stranger.PostJsonAsync("/public/v1/accounts", new { name = "Stranger Co" });
        var strangerToken = server.WithApiKey(await stranger.CreateActiveTokenAsync("MD-0001", "MD-0007"));

        foreach (var client in new[] { stranger, strangerToken })
        {
            await (await client.GetAsync($"/public/v1/accounts/{accountId}")).ExpectErrorAsync(HttpStatusCode.NotFound);
            await (await client.PutJsonAsync($"/public/v1/accounts/{accountId}", new { name = "hijacked" })).ExpectErrorAsync(HttpStatusCode.NotFound);
            await (await client.GetAsync($"/public/v1/auth/tokens/{tokenId}")).ExpectErrorAsync(HttpStatusCode.NotFound);
            await (await client.PutJsonAsync($"/public/v1/auth/tokens/{tokenId}", new { name = "x" })).ExpectErrorAsync(HttpStatusCode.NotFound);
            await (await client.DeleteAsync($"/public/v1/auth/tokens/{tokenId}")).ExpectErrorAsync(HttpStatusCode.NotFound);
            await (await client.PostJsonAsync($"/public/v1/auth/tokens/{tokenId}/activate", null)).ExpectErrorAsync(HttpStatusCode.NotFound);
            await (await client.PostJsonAsync($"/public/v1/auth/tokens/{tokenId}/deactivate", null)).ExpectErrorAsync(HttpStatusCode.NotFound);
            await (await client.PostJsonAsync($"/public/v1/auth/tokens/{tokenId}/rotate", null)).ExpectErrorAsync(HttpStatusCode.NotFound);
            await (await client.GetAsync($"/public/v1/auth/tokens/{tokenId}/permissions")).ExpectErrorAsync(HttpStatusCode.NotFound);
            await (await client.PostJsonAsync($"/public/v1/auth/tokens/{tokenId}/permissions", new { id = "MD-0001" })).ExpectErrorAsync(HttpStatusCode.NotFound);
            await (await client.DeleteAsync($"/public/v1/auth/tokens/{tokenId}/permissions/MD-0001")).ExpectErrorAsync(HttpStatusCode.NotFound);
            await (await client.GetAsync($"/public/v1/domains/{domainId}")).ExpectErrorAsync(HttpStatusCode.NotFound);
            await (await client.PutJsonAsync($"/public/v1/domains/{domainId}", new { name = "x" })).ExpectErrorAsync(HttpStatusCode.NotFound);
            await (await client.DeleteAsync($"/public/v1/domains/{domainId}")).ExpectErrorAsync(HttpStatusCode.NotFound);
            await (await client.PostJsonAsync($"/public/v1/domains/{domainId}/verify", null)).ExpectErrorAsync(HttpStatusCode.NotFound);
            await (await client.GetAsync($"/public/v1/idps/{idpId}")).ExpectErrorAsync(HttpStatusCode.NotFound);
            await (await client.PutJsonAsync($"/public/v1/idps/{idpId}", new { name = "x" })).ExpectErrorAsync(HttpStatusCode.NotFound);
            await (await client.DeleteAsync($"/public/v1/idps/{idpId}")).ExpectErrorAsync(HttpStatusCode.NotFound);
            await (await client.PostJsonAsync($"/public/v1/idps/{idpId}/test", null)).ExpectErrorAsync(HttpStatusCode.NotFound);
            (await (await client.GetAsync($"/public/v1/domains?eq(id,{domainId})")).ExpectAsync(HttpStatusCode.OK)).AsArray().Count.ShouldBe(0);
            (await (await client.GetAsync($"/public/v1/idps?eq(id,{idpId})")).ExpectAsync(HttpStatusCode.OK)).AsArray().Count.ShouldBe(0);
            var accounts = await (await client.GetAsync("/public/v1/accounts")).ExpectAsync(HttpStatusCode.OK);
            accounts.AsArray().ShouldNotContain(a => a!["id"]!.GetValue<string>() == accountId);
            var tokens = await (await client.GetAsync($"/public/v1/auth/tokens?eq(id,{tokenId})")).ExpectAsync(HttpStatusCode.OK);
            tokens.AsArray().Count.ShouldBe(0);
        }

        var stillThere = await (await admin.GetAsync($"/public/v1/auth/tokens/{tokenId}")).ExpectAsync(HttpStatusCode.OK);
        stillThere["name"]!.GetValue<string>().ShouldBe("private");
        stillThere["status"]!.GetValue<string>().ShouldBe("pending");
    }

    [Fact]
    public async Task Token_CannotSwitchContextOrReachOtherAccounts()
    {
        var admin = await server.SignedInClientAsync();
        var second = (await (await admin.PostJsonAsync("/public/v1/accounts", new { name = "Second account" })).JsonAsync())["id"]!.GetValue<string>();
        var token = server.WithApiKey(await admin.CreateActiveTokenAsync("MD-0001"));

        await (await token.GetAsync($"/public/v1/accounts/{second}")).ExpectErrorAsync(HttpStatusCode.NotFound);
        await (await token.PostJsonAsync("/public/v1/auth/context", new { account = new { id = second } })).ExpectErrorAsync(HttpStatusCode.Forbidden);
    }
}
