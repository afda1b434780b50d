using System.Net;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Api;

/// <summary>
/// OWASP's device cookies: a client that has signed in as a user before keeps its own failure count for that user,
/// so strangers' failures, which count against the user's untrusted clients, cannot lock the owner out of it.
/// </summary>
public sealed class DeviceCookieTests(RosterServer server) : IClassFixture<RosterServer>
{
    private const string Login = "/public/v1/auth/login";

    [Fact]
    public async Task Login_Succeeding_SetsALongLivedHttpOnlyStrictDeviceCookie_ThatNamesNobodyInClear()
    {
        var (email, userId) = await NewUserAsync();

        var answer = await server.CreateClient().PostJsonAsync(Login, new { email, password = UsersOnServer.Password });

        await answer.ExpectAsync(HttpStatusCode.Created);
        var cookie = answer.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("roster_device=", StringComparison.Ordinal));
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=strict", Case.Insensitive);
        cookie.ShouldContain("path=/;", Case.Insensitive);
        cookie.ShouldContain("max-age=31536000", Case.Insensitive);
        cookie.ShouldNotContain(userId);
        cookie.ShouldNotContain(email);
    }

    [Fact]
    public async Task Login_Failing_SetsNoDeviceCookie()
    {
        var (email, _) = await NewUserAsync();

        var answer = await server.CreateClient().PostJsonAsync(Login, new { email, password = "wrong password" });

        await answer.ExpectErrorAsync(HttpStatusCode.Unauthorized);
        answer.Headers.Contains("Set-Cookie").ShouldBeFalse();
    }

    [Fact]
    public async Task Login_AfterAStrangersFiveFailures_WorksFromTheOwnersDevice_ButNotFromAnyUntrustedClient()
    {
        var (email, _) = await NewUserAsync();
        var owner = await SignedInThenOutAsync(email);

        await FailFiveTimesAsync(server.CreateClient(), email);

        await (await server.CreateClient().PostJsonAsync(Login, new { email, password = UsersOnServer.Password })).ExpectErrorAsync(HttpStatusCode.Unauthorized);
        await (await owner.PostJsonAsync(Login, new { email, password = UsersOnServer.Password })).ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Login_FiveFailuresOnTheOwnersDevice_LockThatDeviceOnly()
    {
        var (email, _) = await NewUserAsync();
        var owner = await SignedInThenOutAsync(email);

        await FailFiveTimesAsync(owner, email);

        await (await owner.PostJsonAsync(Login, new { email, password = UsersOnServer.Password })).ExpectErrorAsync(HttpStatusCode.Unauthorized);
        await (await server.CreateClient().PostJsonAsync(Login, new { email, password = UsersOnServer.Password })).ExpectAsync(HttpStatusCode.Created);
        server.Clock.Advance(TimeSpan.FromMinutes(16));
        await (await owner.PostJsonAsync(Login, new { email, password = UsersOnServer.Password })).ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Login_WithTheDeviceCookieOfAnotherUser_ATamperedOne_OrAnExpiredOne_CountsAsUntrusted()
    {
        var (email, _) = await NewUserAsync();
        var (otherEmail, _) = await NewUserAsync();
        var ownDevice = DeviceCookieOf(await (await server.CreateClient().PostJsonAsync(Login, new { email, password = UsersOnServer.Password }))
            .EnsureCreatedAsync());
        var othersDevice = DeviceCookieOf(await (await server.CreateClient().PostJsonAsync(Login, new { email = otherEmail, password = UsersOnServer.Password }))
            .EnsureCreatedAsync());
        await FailFiveTimesAsync(server.CreateClient(), email);

        (await LoginWithCookieAsync(email, othersDevice)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await LoginWithCookieAsync(email, ownDevice[..^4] + "AAAA")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await LoginWithCookieAsync(email, "not-a-device-cookie")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await LoginWithCookieAsync(email, ownDevice)).StatusCode.ShouldBe(HttpStatusCode.Created);

        server.Clock.Advance(TimeSpan.FromDays(366));
        await FailFiveTimesAsync(server.CreateClient(), email);
        (await LoginWithCookieAsync(email, ownDevice)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ChangePassword_WhileStrangersHaveLockedOutUntrustedClients_StillWorksFromTheOwnersDevice()
    {
        var (email, _) = await NewUserAsync();
        var owner = server.CreateClient();
        await (await owner.PostJsonAsync(Login, new { email, password = UsersOnServer.Password })).ExpectAsync(HttpStatusCode.Created);

        await FailFiveTimesAsync(server.CreateClient(), email);

        await (await owner.PostJsonAsync("/public/v1/auth/password/change", new { old_password = UsersOnServer.Password, password = "a brand new passphrase" }))
            .ExpectAsync(HttpStatusCode.Created);
    }

    private async Task<(string Email, string Id)> NewUserAsync()
    {
        var email = $"device-{Guid.NewGuid():N}@frontstreet.test";
        return (email, await UsersOnServer.CreateAsync(server, email, "Dee Vice"));
    }

    /// <summary>A client (with its own cookie jar) that signed in as the user once and signed out again.</summary>
    private async Task<HttpClient> SignedInThenOutAsync(string email)
    {
        var client = server.CreateClient();
        await (await client.PostJsonAsync(Login, new { email, password = UsersOnServer.Password })).ExpectAsync(HttpStatusCode.Created);
        await (await client.PostJsonAsync("/public/v1/auth/logout", new { })).ExpectAsync(HttpStatusCode.OK);
        return client;
    }

    private static async Task FailFiveTimesAsync(HttpClient client, string email)
    {
        for (var i = 0; i < 5; i++)
            await (await client.PostJsonAsync(Login, new { email, password = $"wrong guess {i}" })).ExpectErrorAsync(HttpStatusCode.Unauthorized);
    }

    private Task<HttpResponseMessage> LoginWithCookieAsync(string email, string deviceCookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Login)
        {
            Content = JsonContent(new { email, password = UsersOnServer.Password }),
        };
        request.Headers.Add("Cookie", $"roster_device={deviceCookie}");
        return new HttpClient { BaseAddress = server.BaseAddress }.SendAsync(request);
    }

    private static string DeviceCookieOf(HttpResponseMessage answer) =>
        answer.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("roster_device=", StringComparison.Ordinal)).Split(';')[0]["roster_device=".Length..];

    private static StringContent JsonContent(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");
}

internal static class CreatedAnswers
{
    public static async Task<HttpResponseMessage> EnsureCreatedAsync(this HttpResponseMessage answer)
    {
        await answer.ExpectAsync(HttpStatusCode.Created);
        return answer;
    }
}
