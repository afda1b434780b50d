using System.Net;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Api;

public sealed class SignInTests(RosterServer server) : IClassFixture<RosterServer>
{
    [Fact]
    public async Task Login_WithBootstrapAdministrator_AnswersContextAndSetsOpaqueCookie()
    {
        var client = server.CreateClient();
        var response = await client.PostJsonAsync("/public/v1/auth/login", new { email = RosterServer.AdminEmail, password = RosterServer.AdminPassword });

        var body = await response.ExpectAsync(HttpStatusCode.Created);
        body["user"]!["name"]!.GetValue<string>().ShouldBe("Robert Balboa");
        body["user"]!["id"]!.GetValue<string>().ShouldMatch(@"^UR-\d{3}-\d{3}-\d{3}$");
        body["account"]!["name"]!.GetValue<string>().ShouldBe(RosterServer.AccountName);
        body["account"]!["id"]!.GetValue<string>().ShouldMatch(@"^VA-\d{3}-\d{3}$");
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("roster_session=", StringComparison.Ordinal));
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=lax", Case.Insensitive);
        cookie.ShouldNotContain(body["user"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Context_AfterLogin_ShowsAdministratorAndVendorAccount()
    {
        var client = await server.SignedInClientAsync();

        var context = await (await client.GetAsync("/public/v1/auth/context")).ExpectAsync(HttpStatusCode.OK);

        context["user"]!["name"]!.GetValue<string>().ShouldBe("Robert Balboa");
        context["account"]!["name"]!.GetValue<string>().ShouldBe(RosterServer.AccountName);
    }

    [Fact]
    public async Task Context_WithoutCredentials_Answers401WithErrorBody()
    {
        var code = await (await server.CreateClient().GetAsync("/public/v1/auth/context")).ExpectErrorAsync(HttpStatusCode.Unauthorized);
        code.ShouldBe("auth.required");
    }

    [Fact]
    public async Task Login_WrongPasswordAndUnknownEmail_GiveIdenticalAnswers()
    {
        var client = server.CreateClient();
        var wrong = await client.PostJsonAsync("/public/v1/auth/login", new { email = RosterServer.AdminEmail, password = "not the password" });
        var unknown = await client.PostJsonAsync("/public/v1/auth/login", new { email = "nobody@frontstreet.test", password = "not the password" });

        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        unknown.StatusCode.ShouldBe(wrong.StatusCode);
        (await unknown.Content.ReadAsStringAsync()).ShouldBe(await wrong.Content.ReadAsStringAsync());
        unknown.Content.Headers.ContentType!.ToString().ShouldBe("application/json");
        wrong.Headers.Contains("Set-Cookie").ShouldBeFalse();
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"email\": \"a@b.c\"}")]
    [InlineData("not json")]
    [InlineData("{\"email\": 12, \"password\": []}")]
    public async Task Login_MalformedBody_Answers400(string raw)
    {
        await (await server.CreateClient().PostRawAsync("/public/v1/auth/login", raw)).ExpectErrorAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Login_TwiceForSameUser_GivesDifferentSessions()
    {
        var first = await server.CreateClient().PostJsonAsync("/public/v1/auth/login", new { email = RosterServer.AdminEmail, password = RosterServer.AdminPassword });
        var second = await server.CreateClient().PostJsonAsync("/public/v1/auth/login", new { email = RosterServer.AdminEmail, password = RosterServer.AdminPassword });

        first.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("roster_session=", StringComparison.Ordinal))
            .ShouldNotBe(second.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("roster_session=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Logout_EndsTheSession_NextRequestIs401()
    {
        var client = await server.SignedInClientAsync();

        await (await client.PostJsonAsync("/public/v1/auth/logout", new { })).ExpectAsync(HttpStatusCode.OK);

        await (await client.GetAsync("/public/v1/auth/context")).ExpectErrorAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Logout_ClearedCookieReplayed_IsStillRefused()
    {
        var jar = server.CreateClient();
        var login = await jar.PostJsonAsync("/public/v1/auth/login", new { email = RosterServer.AdminEmail, password = RosterServer.AdminPassword });
        var secret = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("roster_session=", StringComparison.Ordinal)).Split(';')[0];
        await jar.PostJsonAsync("/public/v1/auth/logout", new { });

        using var replay = new HttpRequestMessage(HttpMethod.Get, "/public/v1/auth/context");
        replay.Headers.Add("Cookie", secret);
        var response = await new HttpClient { BaseAddress = server.BaseAddress }.SendAsync(replay);

        await response.ExpectErrorAsync(HttpStatusCode.Unauthorized);
    }
}
