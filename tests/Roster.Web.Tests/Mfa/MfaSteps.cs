using System.Net;
using System.Text;
using System.Text.Json;
using Roster.Mfa;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Mfa;

/// <summary>Two-factor steps over the API, with codes computed here from the key the server handed out.</summary>
public static class MfaSteps
{
    public sealed record Enabled(byte[] Key, IReadOnlyList<string> RecoveryCodes);

    public static string CodeNow(RosterServer server, byte[] key) => Totp.Code(key, Totp.StepAt(server.Clock.GetUtcNow()));

    /// <summary>Moves Roster's clock to the next 30-second step, where a new code is due.</summary>
    public static void NextStep(RosterServer server) => server.Clock.Advance(TimeSpan.FromSeconds(Totp.StepSeconds));

    public static async Task<string> MyIdAsync(HttpClient client) =>
        (await (await client.GetAsync("/public/v1/auth/context")).ExpectAsync(HttpStatusCode.OK))["user"]!["id"]!.GetValue<string>();

    /// <summary>Enrols and confirms; the clock then moves on, as the confirming code is used up.</summary>
    public static async Task<Enabled> EnableAsync(RosterServer server, HttpClient client)
    {
        var me = await MyIdAsync(client);
        var enrolment = await (await client.PostJsonAsync($"/public/v1/users/{me}/mfa/authenticator", null)).ExpectAsync(HttpStatusCode.Created);
        var key = Base32.Decode(enrolment["key"]!.GetValue<string>())!;
        var confirmed = await (await client.PostJsonAsync($"/public/v1/users/{me}/mfa/authenticator/confirm", new { code = CodeNow(server, key) }))
            .ExpectAsync(HttpStatusCode.OK);
        NextStep(server);
        return new Enabled(key, [.. confirmed["recovery_codes"]!.AsArray().Select(c => c!.GetValue<string>())]);
    }

    public static Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string password, string? code = null) =>
        client.PostJsonAsync("/public/v1/auth/login", code is null ? new { email, password } : new { email, password, code });

    public static Task<HttpResponseMessage> DeleteJsonAsync(this HttpClient client, string path, object body) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, path)
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        });
}
