using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Roster.Web.Tests.Infrastructure;
using Roster.Web.Tests.Mfa;

namespace Roster.Web.Tests.Api;

/// <summary>Roster behind a TLS-terminating proxy on this machine: loopback is a trusted proxy (as a network, beside an address).</summary>
public sealed class TrustedProxyServer : RosterServer
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("TrustedProxies", "10.1.2.3, 127.0.0.0/8")];
}

/// <summary>X-Forwarded-* headers from a trusted proxy make the request the HTTPS one the browser sent.</summary>
public sealed class TrustedProxyTests(TrustedProxyServer server) : ReverseProxyTests(server), IClassFixture<TrustedProxyServer>
{
    protected override bool Trusted => true;
}

/// <summary>Roster trusting other proxies than the one on this machine.</summary>
public sealed class OtherProxyServer : RosterServer
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("TrustedProxies", "10.1.2.3 192.0.2.0/24")];
}

/// <summary>The same headers from anyone but a trusted proxy are ignored: they could say anything.</summary>
public sealed class UntrustedProxyTests(OtherProxyServer server) : ReverseProxyTests(server), IClassFixture<OtherProxyServer>
{
    protected override bool Trusted => false;
}

/// <summary>With no proxy trusted at all, nobody's forwarded headers count.</summary>
public sealed class NoTrustedProxyTests(RosterServer server) : ReverseProxyTests(server), IClassFixture<RosterServer>
{
    protected override bool Trusted => false;
}

public abstract class ReverseProxyTests(RosterServer server)
{
    private const string PublicHost = "roster.example.test";
    private const string ClientAddress = "203.0.113.9";

    protected abstract bool Trusted { get; }

    /// <summary>
    /// A client whose every request arrives as a proxy forwards an HTTPS request from <see cref="ClientAddress"/>. It
    /// keeps no cookie jar: a jar would not send a Secure cookie over the plain HTTP between proxy and Roster.
    /// </summary>
    private HttpClient ThroughProxy(string? cookie = null)
    {
        var client = new HttpClient(new Http.JsonClientHandler(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }))
        {
            BaseAddress = server.BaseAddress,
        };
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-Host", PublicHost);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", ClientAddress);
        if (cookie is not null) client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    /// <summary>Signs in through the proxy; answers the login and a client that sends its session cookie back.</summary>
    private async Task<(HttpResponseMessage Login, HttpClient Client)> SignedInThroughProxyAsync()
    {
        var login = await ThroughProxy().PostJsonAsync("/public/v1/auth/login", new { email = RosterServer.AdminEmail, password = RosterServer.AdminPassword });
        login.StatusCode.ShouldBe(HttpStatusCode.Created);
        var session = Cookies(login).Single(c => c.StartsWith("roster_session=")).Split(';')[0];
        return (login, ThroughProxy(session));
    }

    private static IEnumerable<string> Cookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    private static bool IsSecure(string setCookie) =>
        setCookie.Split(';').Any(part => part.Trim().Equals("secure", StringComparison.OrdinalIgnoreCase));

    [Fact]
    public async Task EveryCookie_OverHttpsThroughTheProxy_IsSecureOnlyWhenTheProxyIsTrusted()
    {
        var signInPage = await ThroughProxy().GetAsync("/sign-in");
        var (login, client) = await SignedInThroughProxyAsync();
        var logout = await client.PostJsonAsync("/public/v1/auth/logout", null);

        var cookies = Cookies(login).Concat(Cookies(signInPage)).Concat(Cookies(logout)).ToList();
        cookies.ShouldContain(c => c.StartsWith("roster_session="));
        cookies.ShouldContain(c => c.StartsWith(".AspNetCore.Antiforgery."));
        cookies.Count(c => c.StartsWith("roster_session=")).ShouldBe(2);
        foreach (var cookie in cookies) IsSecure(cookie).ShouldBe(Trusted, cookie);
    }

    [Fact]
    public async Task SignInStepCookie_OverHttpsThroughTheProxy_IsSecureOnlyWhenTheProxyIsTrusted()
    {
        var email = $"proxy-{Guid.NewGuid():N}@proxy.test";
        await UsersOnServer.CreateAsync(server, email, "Mona Factor");
        await MfaSteps.EnableAsync(server, await server.SignedInClientAsync(email, UsersOnServer.Password));
        var page = await ThroughProxy().GetAsync("/sign-in");
        var antiforgery = Cookies(page).Single(c => c.StartsWith(".AspNetCore.Antiforgery.")).Split(';')[0];
        var token = Regex.Match(await page.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

        var signIn = await ThroughProxy(antiforgery).PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = UsersOnServer.Password, ["__RequestVerificationToken"] = token,
        }));

        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var step = Cookies(signIn).Single(c => c.StartsWith("roster_sign_in="));
        IsSecure(step).ShouldBe(Trusted, step);
    }

    [Fact]
    public async Task Hsts_OverHttpsThroughTheProxy_IsSentOnEveryKindOfAnswerOnlyWhenTheProxyIsTrusted()
    {
        var client = ThroughProxy();

        foreach (var path in new[] { "/sign-in", "/roster.css", "/public/v1/auth/context", "/public/v1/no-such-thing", "/livez" })
        {
            var response = await client.GetAsync(path);
            response.Headers.Contains("Strict-Transport-Security").ShouldBe(Trusted, path);
            if (Trusted) response.Headers.GetValues("Strict-Transport-Security").Single().ShouldStartWith("max-age=");
        }
    }

    [Fact]
    public async Task Hsts_OverPlainHttp_IsNeverSent()
    {
        var response = await server.CreateClient().GetAsync("/sign-in");

        response.Headers.Contains("Strict-Transport-Security").ShouldBeFalse();
    }

    [Fact]
    public async Task ClientAddress_OfSessionsAndSignIns_IsTheForwardedOneOnlyWhenTheProxyIsTrusted()
    {
        var (_, client) = await SignedInThroughProxyAsync();
        var me = (await (await client.GetAsync("/public/v1/auth/context")).JsonAsync())["user"]!["id"]!.GetValue<string>();

        var sessions = (await (await client.GetAsync($"/public/v1/users/{me}/sessions?current=true")).ExpectAsync(HttpStatusCode.OK)).AsArray();

        sessions.Single()!["location"]!["ip"]!.GetValue<string>().ShouldBe(Trusted ? ClientAddress : "127.0.0.1");
    }

    [Fact]
    public async Task SessionWrite_FromThePublicHttpsOrigin_PassesOnlyWhenTheProxyIsTrusted()
    {
        var (_, client) = await SignedInThroughProxyAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/public/v1/auth/tokens") { Content = JsonContentOf(new { name = "Through the proxy" }) };
        request.Headers.Add("Origin", $"https://{PublicHost}");

        var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(Trusted ? HttpStatusCode.Created : HttpStatusCode.Forbidden);
    }

    private static StringContent JsonContentOf(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
}
