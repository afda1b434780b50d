using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Roster.Web.Tests.Infrastructure;

/// <summary>Small, explicit HTTP steps for tests that read like sentences.</summary>
public static class Http
{
    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object? body) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(body) });

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string path, object? body) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Put, path) { Content = Json(body) });

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string path, string raw) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(raw, Encoding.UTF8, "application/json") });

    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) ?? throw new InvalidOperationException("Empty body.");
    }

    public static async Task<JsonNode> ExpectAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    /// <summary>Asserts Connect's error answer: the status, the exact media type and the {error_code, errors} body.</summary>
    public static async Task<string> ExpectErrorAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        response.Content.Headers.ContentType!.ToString().ShouldBe("application/json");
        var body = JsonNode.Parse(text)!.AsObject();
        body["errors"]!.AsArray().Count.ShouldBeGreaterThan(0);
        return body["error_code"]!.GetValue<string>();
    }

    /// <summary>Connect's Content-Range is a content header to HttpClient.</summary>
    public static string ContentRange(this HttpResponseMessage response) =>
        response.Content.Headers.TryGetValues("Content-Range", out var values) ? values.Single() : "";

    /// <summary>The id of the account the client is working in, from <c>/auth/context</c>.</summary>
    public static async Task<string> ActiveAccountIdAsync(this HttpClient client) =>
        (await (await client.GetAsync("/public/v1/auth/context")).JsonAsync())["account"]!["id"]!.GetValue<string>();

    public static async Task<HttpClient> SignedInClientAsync(this RosterServer server, string email = RosterServer.AdminEmail, string password = RosterServer.AdminPassword)
    {
        var client = server.CreateClient();
        var response = await client.PostJsonAsync("/public/v1/auth/login", new { email, password });
        await response.ExpectAsync(HttpStatusCode.Created);
        return client;
    }

    public static HttpClient WithApiKey(this RosterServer server, string headerValue)
    {
        var client = server.CreateClient();
        client.DefaultRequestHeaders.Authorization = AuthenticationHeaderValue.Parse(headerValue);
        return client;
    }

    /// <summary>Creates, grants and activates a token in the signed-in user's active account; returns its header value.</summary>
    public static async Task<string> CreateActiveTokenAsync(this HttpClient admin, params string[] modules)
    {
        var created = await (await admin.PostJsonAsync("/public/v1/auth/tokens", new { name = "test token" })).ExpectAsync(HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();
        if (modules.Length > 0)
            await (await admin.PostJsonAsync($"/public/v1/auth/tokens/{id}/permissions", modules.Select(m => new { id = m }))).ExpectAsync(HttpStatusCode.Created);
        await (await admin.PostJsonAsync($"/public/v1/auth/tokens/{id}/activate", null)).ExpectAsync(HttpStatusCode.OK);
        return created["token"]!.GetValue<string>();
    }

    private static StringContent? Json(object? body) =>
        body is null ? null : new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    /// <summary>
    /// Sends <c>Content-Type: application/json</c> on every POST, PUT, PATCH and DELETE, with an empty body when there
    /// is none, as a client of the API must: Roster refuses a session's write without it, since a form cannot send it.
    /// </summary>
    public sealed class JsonClientHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Content is null && request.Method != HttpMethod.Get && request.Method != HttpMethod.Head && request.Method != HttpMethod.Options)
                request.Content = new StringContent("", Encoding.UTF8, "application/json");
            return base.SendAsync(request, cancellationToken);
        }
    }
}
