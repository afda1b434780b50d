using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Roster.Data;
using Roster.Web.Tests.Infrastructure;
using Roster.Web.Tests.Mfa;

namespace Roster.Web.Tests.Operations;

/// <summary>Roster logging everything it can, every category at Trace, into a recorder the test reads.</summary>
public sealed class TracedServer : RosterServer
{
    public LogRecorder Log { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddLogging(b => b.AddProvider(Log).AddFilter<LogRecorder>(null, LogLevel.Trace));
}

/// <summary>
/// The flows that handle secrets, run with every log line kept: no password, session cookie, token secret, invitation
/// or reset link, authenticator key or recovery code may be in any of them, in the message, a value or a scope.
/// </summary>
public sealed partial class SecretLogTests(TracedServer server) : IClassFixture<TracedServer>
{
    private const string InvitedPassword = "a fresh invitee passphrase";
    private const string ResetPassword = "a renewed long passphrase";

    [Fact]
    public async Task SecretFlows_WithEveryCategoryAtTrace_WriteNoSecretToTheLog()
    {
        var secrets = new List<string> { RosterServer.AdminPassword, InvitedPassword, ResetPassword };
        await (await server.CreateClient().PostJsonAsync("/public/v1/auth/login", new { email = RosterServer.AdminEmail, password = "not the password" }))
            .ExpectAsync(HttpStatusCode.Unauthorized);
        var cookies = new CookieContainer();
        var admin = new HttpClient(new Http.JsonClientHandler(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }))
        {
            BaseAddress = server.BaseAddress,
        };
        await (await admin.PostJsonAsync("/public/v1/auth/login", new { email = RosterServer.AdminEmail, password = RosterServer.AdminPassword }))
            .ExpectAsync(HttpStatusCode.Created);
        secrets.AddRange(cookies.GetAllCookies().Select(c => c.Value));

        var token = await admin.CreateActiveTokenAsync("MD-0001");
        secrets.Add(token.Split(':')[1]);
        await (await server.WithApiKey(token).GetAsync("/public/v1/accounts")).ExpectAsync(HttpStatusCode.OK);

        var account = await admin.ActiveAccountIdAsync();
        var groups = new[] { new { id = (await (await admin.GetAsync($"/public/v1/accounts/{account}/groups")).JsonAsync())[0]!["id"]!.GetValue<string>() } };
        var email = $"newcomer-{Guid.NewGuid():N}@secrets.test";
        var invited = await (await admin.PostJsonAsync($"/public/v1/accounts/{account}/users", new { name = "New Comer", email, groups }))
            .ExpectAsync(HttpStatusCode.Created);
        var link = new Uri(invited["invitation"]!["link"]!.GetValue<string>()).AbsolutePath;
        secrets.Add(link.Split('/').Last());
        var invitee = server.CreateClient();
        (await PortalForms.PostAsync(invitee, link + "?handler=Register", ("Name", "New Comer"), ("Password", InvitedPassword)))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        await (await server.CreateClient().PostJsonAsync("/public/v1/auth/password/restore", new { email })).ExpectAsync(HttpStatusCode.OK);
        var reset = ResetToken().Match(await MailBodyAsync(email, "Reset your Roster password")).Groups[1].Value;
        secrets.Add(reset);
        (await server.CreateClient().GetAsync($"/reset-password?token={reset}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await server.CreateClient().PostJsonAsync("/public/v1/auth/password/set", new { token = reset, password = ResetPassword }))
            .ExpectAsync(HttpStatusCode.Created);

        var person = await server.SignedInClientAsync(email, ResetPassword);
        var enabled = await MfaSteps.EnableAsync(server, person);
        secrets.Add(Roster.Mfa.Base32.Encode(enabled.Key));
        secrets.AddRange(enabled.RecoveryCodes);
        await (await MfaSteps.LoginAsync(server.CreateClient(), email, ResetPassword, MfaSteps.CodeNow(server, enabled.Key)))
            .ExpectAsync(HttpStatusCode.Created);
        await (await MfaSteps.LoginAsync(server.CreateClient(), email, ResetPassword, enabled.RecoveryCodes[0]))
            .ExpectAsync(HttpStatusCode.Created);

        var log = server.Log.Text;
        log.ShouldContain("| scope: Request ", customMessage: "no line carried the request's scope, so the test proves little");
        foreach (var secret in secrets.Where(s => s.Length >= 8))
            Leaks(log, secret).ShouldBeEmpty($"a secret ({secret[..4]}...) reached the log");
    }

    private static List<string> Leaks(string log, string secret) =>
        [.. log.Split('\n').Where(line => line.Contains(secret, StringComparison.Ordinal)).Take(3)];

    private async Task<string> MailBodyAsync(string to, string subject)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RosterDbContext>();
        return await db.Outbox.AsNoTracking().Where(m => m.To == to && m.Subject == subject).Select(m => m.Body).SingleAsync();
    }

    [GeneratedRegex(@"reset-password\?token=(\S+)")]
    private static partial Regex ResetToken();
}
