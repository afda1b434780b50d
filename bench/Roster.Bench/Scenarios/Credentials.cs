using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Roster.Bench.Seeding;

namespace Roster.Bench.Scenarios;

/// <summary>The administrator's session cookie and an API token, obtained the way a client would (README, "Use the API").</summary>
public sealed record Credentials(string SessionCookie, string ApiKey)
{
    public const string CookieName = "roster_session";
    private const string AccountModule = "MD-0001";
    private const string AuditModule = "MD-0006";

    /// <summary>
    /// The Account module to invite, and the module of the Support group it invites into: Roster lets nobody, a token
    /// included, hand out a module it does not hold. The Audit module reads the trail.
    /// </summary>
    private static readonly string[] Modules = [AccountModule, AuditModule, SeedGroups.Extra.Single(g => g.Name == SeedGroups.Support).ModuleId];

    public static async Task<Credentials> ObtainAsync(HttpClient client, SeededAccount seeded, CancellationToken ct)
    {
        using var login = await client.PostAsJsonAsync("/public/v1/auth/login", new { email = seeded.AdminEmail, password = seeded.AdminPassword }, ct);
        await ExpectAsync(login, HttpStatusCode.Created, "signing in as the administrator", ct);
        var cookie = login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])
            .Single(c => c.StartsWith(CookieName + "=", StringComparison.Ordinal));

        var created = await SendAsync(client, cookie, "/public/v1/auth/tokens", new { name = "Roster.Bench" }, HttpStatusCode.Created, ct);
        var id = created.GetProperty("id").GetString()!;
        var apiKey = created.GetProperty("token").GetString()!;
        await SendAsync(client, cookie, $"/public/v1/auth/tokens/{id}/permissions", Modules.Select(m => new { id = m }), HttpStatusCode.Created, ct);
        await SendAsync(client, cookie, $"/public/v1/auth/tokens/{id}/activate", null, HttpStatusCode.OK, ct);
        return new Credentials(cookie, apiKey);
    }

    private static async Task<JsonElement> SendAsync(HttpClient client, string cookie, string path, object? body, HttpStatusCode expected, CancellationToken ct)
    {
        // A session's writes declare JSON even without a body: Roster refuses them otherwise.
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = body is null ? new StringContent("", System.Text.Encoding.UTF8, "application/json") : JsonContent.Create(body),
        };
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request, ct);
        await ExpectAsync(response, expected, $"POST {path}", ct);
        return await response.Content.ReadFromJsonAsync<JsonElement>(ct);
    }

    private static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode expected, string what, CancellationToken ct)
    {
        if (response.StatusCode != expected)
            throw new InvalidOperationException($"{what} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
    }
}
