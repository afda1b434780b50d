using System.Net;
using System.Text;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Api;

/// <summary>
/// Writes a page elsewhere could make a signed-in browser send: a form (no JSON content type) or a request from
/// another origin. The session's writes must be JSON from Roster's own origin; API tokens are not affected.
/// </summary>
public sealed class ForgedRequestTests(RosterServer server) : IClassFixture<RosterServer>
{
    private const string Tokens = "/public/v1/auth/tokens";

    /// <summary>A signed-in client that adds nothing to what a test sends, as a forged request would be.</summary>
    private async Task<HttpClient> SignedInBareAsync()
    {
        var client = server.CreateBareClient();
        await (await client.PostJsonAsync("/public/v1/auth/login", new { email = RosterServer.AdminEmail, password = RosterServer.AdminPassword }))
            .ExpectAsync(HttpStatusCode.Created);
        return client;
    }

    private static string Unique(string name) => $"{name} {Guid.NewGuid():N}"[..24];

    private static HttpRequestMessage Raw(HttpMethod method, string path, string? body, string? mediaType) => new(method, path)
    {
        Content = body is null ? null : new StringContent(body, Encoding.UTF8, mediaType ?? "application/json"),
    };

    private static async Task<bool> TokenNamedAsync(HttpClient client, string name) =>
        (await (await client.GetAsync($"{Tokens}?limit=100")).ExpectAsync(HttpStatusCode.OK)).AsArray().Any(t => t!["name"]!.GetValue<string>() == name);

    private string OtherPortOrigin => $"http://127.0.0.1:{(server.BaseAddress.Port == 65535 ? 65534 : server.BaseAddress.Port + 1)}";

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task SessionPost_WithABodyThatIsNotDeclaredJson_Is415_AndCreatesNothing(string mediaType)
    {
        var client = await SignedInBareAsync();
        var name = Unique("Forged");
        using var request = Raw(HttpMethod.Post, Tokens, $"{{\"name\": \"{name}\"}}", null);
        request.Content!.Headers.Remove("Content-Type");
        request.Content.Headers.TryAddWithoutValidation("Content-Type", mediaType);

        var response = await client.SendAsync(request);

        (await response.ExpectErrorAsync(HttpStatusCode.UnsupportedMediaType)).ShouldBe("request.unsupported_media_type");
        (await TokenNamedAsync(client, name)).ShouldBeFalse();
    }

    [Fact]
    public async Task SessionWrites_WithoutABodyOrAContentType_Are415_AndChangeNothing()
    {
        var client = await SignedInBareAsync();
        var created = await (await client.PostJsonAsync(Tokens, new { name = Unique("Pending") })).ExpectAsync(HttpStatusCode.Created);
        var token = $"{Tokens}/{created["id"]}";

        var activate = await client.SendAsync(Raw(HttpMethod.Post, $"{token}/activate", null, null));
        var delete = await client.SendAsync(Raw(HttpMethod.Delete, token, null, null));
        var logout = await client.SendAsync(Raw(HttpMethod.Post, "/public/v1/auth/logout", null, null));

        (await activate.ExpectErrorAsync(HttpStatusCode.UnsupportedMediaType)).ShouldBe("request.unsupported_media_type");
        (await delete.ExpectErrorAsync(HttpStatusCode.UnsupportedMediaType)).ShouldBe("request.unsupported_media_type");
        (await logout.ExpectErrorAsync(HttpStatusCode.UnsupportedMediaType)).ShouldBe("request.unsupported_media_type");
        (await (await client.GetAsync(token)).ExpectAsync(HttpStatusCode.OK))["status"]!.GetValue<string>().ShouldBe("pending");
        await (await client.GetAsync("/public/v1/auth/context")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task SessionPost_WithJsonAndACharset_Works()
    {
        var client = await SignedInBareAsync();
        var created = await (await client.PostJsonAsync(Tokens, new { name = Unique("Charset") })).ExpectAsync(HttpStatusCode.Created);
        using var activate = Raw(HttpMethod.Post, $"{Tokens}/{created["id"]}/activate", "", null);
        activate.Content!.Headers.ContentType!.ToString().ShouldBe("application/json; charset=utf-8");

        await (await client.SendAsync(activate)).ExpectAsync(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("Origin", "another port")]
    [InlineData("Origin", "http://localhost.evil.test")]
    [InlineData("Origin", "null")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    public async Task SessionPost_FromAnotherOrigin_Is403_AndCreatesNothing(string header, string value)
    {
        var client = await SignedInBareAsync();
        var name = Unique("Cross");
        using var request = Raw(HttpMethod.Post, Tokens, $"{{\"name\": \"{name}\"}}", null);
        request.Headers.TryAddWithoutValidation(header, value == "another port" ? OtherPortOrigin : value);

        var response = await client.SendAsync(request);

        (await response.ExpectErrorAsync(HttpStatusCode.Forbidden)).ShouldBe("request.cross_origin");
        (await TokenNamedAsync(client, name)).ShouldBeFalse();
    }

    [Fact]
    public async Task SessionDelete_FromAnotherPortOfTheSameHost_Is403_AndTheTokenStays()
    {
        var client = await SignedInBareAsync();
        var created = await (await client.PostJsonAsync(Tokens, new { name = Unique("Kept") })).ExpectAsync(HttpStatusCode.Created);
        using var request = Raw(HttpMethod.Delete, $"{Tokens}/{created["id"]}", "", null);
        request.Headers.Add("Origin", OtherPortOrigin);

        (await (await client.SendAsync(request)).ExpectErrorAsync(HttpStatusCode.Forbidden)).ShouldBe("request.cross_origin");

        await (await client.GetAsync($"{Tokens}/{created["id"]}")).ExpectAsync(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("same-origin")]
    [InlineData("none")]
    public async Task SessionPost_FromRostersOwnOrigin_Works(string fetchSite)
    {
        var client = await SignedInBareAsync();
        var name = Unique("Own");
        using var request = Raw(HttpMethod.Post, Tokens, $"{{\"name\": \"{name}\"}}", null);
        request.Headers.Add("Origin", server.BaseAddress.GetLeftPart(UriPartial.Authority));
        request.Headers.Add("Sec-Fetch-Site", fetchSite);

        await (await client.SendAsync(request)).ExpectAsync(HttpStatusCode.Created);

        (await TokenNamedAsync(client, name)).ShouldBeTrue();
    }

    [Fact]
    public async Task ApiKeyWrites_WithAnyOriginOrContentType_StillWork()
    {
        var admin = await server.SignedInClientAsync();
        var token = server.WithApiKey(await admin.CreateActiveTokenAsync("MD-0001"));
        var accountId = await admin.ActiveAccountIdAsync();
        using var crossSite = Raw(HttpMethod.Post, $"/public/v1/accounts/{accountId}/groups", $"{{\"name\": \"{Unique("G")[..20]}\"}}", null);
        crossSite.Headers.Add("Origin", "http://evil.test");
        crossSite.Headers.Add("Sec-Fetch-Site", "cross-site");
        using var plainText = Raw(HttpMethod.Post, $"/public/v1/accounts/{accountId}/groups", $"{{\"name\": \"{Unique("T")[..20]}\"}}", "text/plain");

        var created = await (await token.SendAsync(crossSite)).ExpectAsync(HttpStatusCode.Created);
        await (await token.SendAsync(plainText)).ExpectAsync(HttpStatusCode.Created);
        var bare = server.CreateBareClient();
        bare.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", token.DefaultRequestHeaders.Authorization!.ToString());
        (await bare.DeleteAsync($"/public/v1/accounts/{accountId}/groups/{created["id"]}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Theory]
    [InlineData("/public/v1/auth/login", "{\"email\": \"admin@frontstreet.test\", \"password\": \"correct horse battery staple\"}")]
    [InlineData("/public/v1/auth/password/restore", "{\"email\": \"admin@frontstreet.test\"}")]
    [InlineData("/public/v1/auth/password/set", "{\"token\": \"made-up\", \"password\": \"a fine long passphrase\"}")]
    public async Task AnonymousJsonEndpoints_WithAPlainTextBody_Are415(string path, string body)
    {
        var response = await server.CreateBareClient().SendAsync(Raw(HttpMethod.Post, path, body, "text/plain"));

        (await response.ExpectErrorAsync(HttpStatusCode.UnsupportedMediaType)).ShouldBe("request.unsupported_media_type");
        response.Headers.Contains("Set-Cookie").ShouldBeFalse();
    }

    [Fact]
    public async Task Login_FromAnotherSite_Is403_AndStartsNoSession()
    {
        using var request = Raw(HttpMethod.Post, "/public/v1/auth/login",
            "{\"email\": \"admin@frontstreet.test\", \"password\": \"correct horse battery staple\"}", null);
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        var response = await server.CreateBareClient().SendAsync(request);

        (await response.ExpectErrorAsync(HttpStatusCode.Forbidden)).ShouldBe("request.cross_origin");
        response.Headers.Contains("Set-Cookie").ShouldBeFalse();
    }
}
