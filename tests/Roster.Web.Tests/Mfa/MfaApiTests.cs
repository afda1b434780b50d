using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roster.Data;
using Roster.Web.Tests.Infrastructure;
using static Roster.Web.Tests.Mfa.MfaSteps;

namespace Roster.Web.Tests.Mfa;

public sealed class MfaApiTests(RosterServer server) : IClassFixture<RosterServer>
{
    private async Task<(string Email, HttpClient Client)> NewUserAsync()
    {
        var email = $"mfa-{Guid.NewGuid():N}@frontstreet.test";
        await UsersOnServer.CreateAsync(server, email, "Mia Factor");
        return (email, await server.SignedInClientAsync(email, UsersOnServer.Password));
    }

    [Fact]
    public async Task Enrol_AnswersTheKeyAndAnOtpauthUri_AndConfirmAnswersTenRecoveryCodes()
    {
        var (email, client) = await NewUserAsync();
        var me = await MyIdAsync(client);

        var enrolment = await (await client.PostJsonAsync($"/public/v1/users/{me}/mfa/authenticator", null)).ExpectAsync(HttpStatusCode.Created);
        var key = enrolment["key"]!.GetValue<string>();
        key.ShouldMatch("^[A-Z2-7]{32}$");
        enrolment["uri"]!.GetValue<string>().ShouldBe(
            $"otpauth://totp/Roster:{email}?secret={key}&issuer=Roster&algorithm=SHA1&digits=6&period=30");
        var confirmed = await (await client.PostJsonAsync($"/public/v1/users/{me}/mfa/authenticator/confirm",
            new { code = CodeNow(server, Roster.Mfa.Base32.Decode(key)!) })).ExpectAsync(HttpStatusCode.OK);

        var codes = confirmed["recovery_codes"]!.AsArray();
        codes.Count.ShouldBe(10);
        codes.Select(c => c!.GetValue<string>()).Distinct().Count().ShouldBe(10);
        await (await LoginAsync(server.CreateClient(), email, UsersOnServer.Password)).ExpectErrorAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Login_WithMfa_AsksForTheCode_RefusesAWrongOrReplayedOne_AndTakesTheRightOneOnce()
    {
        var (email, client) = await NewUserAsync();
        var mfa = await EnableAsync(server, client);
        var browser = server.CreateClient();

        var missing = await LoginAsync(browser, email, UsersOnServer.Password);
        (await missing.ExpectErrorAsync(HttpStatusCode.Unauthorized)).ShouldBe("auth.mfa_required");
        missing.Headers.Contains("Set-Cookie").ShouldBeFalse();
        (await (await LoginAsync(browser, email, UsersOnServer.Password, "000000")).ExpectErrorAsync(HttpStatusCode.Unauthorized)).ShouldBe("auth.mfa_invalid");
        var code = CodeNow(server, mfa.Key);
        var signedIn = await (await LoginAsync(browser, email, UsersOnServer.Password, code)).ExpectAsync(HttpStatusCode.Created);
        signedIn["user"]!["name"]!.GetValue<string>().ShouldBe("Mia Factor");
        await (await browser.GetAsync("/public/v1/auth/context")).ExpectAsync(HttpStatusCode.OK);

        var replay = await LoginAsync(server.CreateClient(), email, UsersOnServer.Password, code);
        (await replay.ExpectErrorAsync(HttpStatusCode.Unauthorized)).ShouldBe("auth.mfa_invalid");
    }

    [Fact]
    public async Task PasswordReset_LeavesTheSecondFactorInForce()
    {
        var (email, client) = await NewUserAsync();
        var mfa = await EnableAsync(server, client);
        await server.CreateClient().PostJsonAsync("/public/v1/auth/password/restore", new { email });
        var token = await ResetTokenAsync(email);
        const string newPassword = "a fresh river of quiet lanterns";
        await (await server.CreateClient().PostJsonAsync("/public/v1/auth/password/set", new { token, password = newPassword }))
            .ExpectAsync(HttpStatusCode.Created);

        var browser = server.CreateClient();
        (await (await LoginAsync(browser, email, newPassword)).ExpectErrorAsync(HttpStatusCode.Unauthorized)).ShouldBe("auth.mfa_required");
        await (await LoginAsync(browser, email, newPassword, CodeNow(server, mfa.Key))).ExpectAsync(HttpStatusCode.Created);
    }

    private async Task<string> ResetTokenAsync(string email)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var body = await scope.ServiceProvider.GetRequiredService<RosterDbContext>().Outbox
            .Where(m => m.To == email && m.Subject == "Reset your Roster password").Select(m => m.Body).SingleAsync();
        return Regex.Match(body, "reset-password\\?token=([A-Za-z0-9_-]+)").Groups[1].Value;
    }

    [Fact]
    public async Task Login_RecoveryCode_WorksOnce()
    {
        var (email, client) = await NewUserAsync();
        var mfa = await EnableAsync(server, client);

        await (await LoginAsync(server.CreateClient(), email, UsersOnServer.Password, mfa.RecoveryCodes[0])).ExpectAsync(HttpStatusCode.Created);
        var again = await LoginAsync(server.CreateClient(), email, UsersOnServer.Password, mfa.RecoveryCodes[0]);

        (await again.ExpectErrorAsync(HttpStatusCode.Unauthorized)).ShouldBe("auth.mfa_invalid");
    }

    [Fact]
    public async Task Login_WrongCodes_LockTheUserOut()
    {
        var (email, client) = await NewUserAsync();
        var mfa = await EnableAsync(server, client);

        for (var i = 0; i < 5; i++)
            (await (await LoginAsync(server.CreateClient(), email, UsersOnServer.Password, $"{i}{i}{i}{i}{i}{i}")).ExpectErrorAsync(HttpStatusCode.Unauthorized))
                .ShouldBe(i < 4 ? "auth.mfa_invalid" : "auth.sign_in_paused");

        var locked = await LoginAsync(server.CreateClient(), email, UsersOnServer.Password, CodeNow(server, mfa.Key));
        (await locked.ExpectErrorAsync(HttpStatusCode.Unauthorized)).ShouldBe("auth.sign_in_paused");
    }

    [Fact]
    public async Task Login_UnknownEmail_AnswersExactlyAsAWrongPassword_WithOrWithoutACode()
    {
        var (email, client) = await NewUserAsync();
        var mfa = await EnableAsync(server, client);

        foreach (var code in new[] { null, CodeNow(server, mfa.Key) })
        {
            var wrong = await LoginAsync(server.CreateClient(), email, "not the password", code);
            var unknown = await LoginAsync(server.CreateClient(), "nobody@frontstreet.test", "not the password", code);

            unknown.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            (await unknown.Content.ReadAsStringAsync()).ShouldBe(await wrong.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task MfaEndpoints_OfAnotherUser_OrCalledByAToken_AnswerNotFound()
    {
        var (victimEmail, victim) = await NewUserAsync();
        var victimId = await MyIdAsync(victim);
        await EnableAsync(server, victim);
        var admin = await server.SignedInClientAsync();
        var token = server.WithApiKey(await admin.CreateActiveTokenAsync("MD-0001", "MD-0002"));

        foreach (var client in new[] { admin, token })
        {
            (await (await client.PostJsonAsync($"/public/v1/users/{victimId}/mfa/authenticator", null)).ExpectErrorAsync(HttpStatusCode.NotFound))
                .ShouldBe("user.not_found");
            await (await client.PostJsonAsync($"/public/v1/users/{victimId}/mfa/authenticator/confirm", new { code = "123456" }))
                .ExpectErrorAsync(HttpStatusCode.NotFound);
            await (await client.DeleteJsonAsync($"/public/v1/users/{victimId}/mfa/authenticator", new { password = UsersOnServer.Password }))
                .ExpectErrorAsync(HttpStatusCode.NotFound);
        }
        (await (await LoginAsync(server.CreateClient(), victimEmail, UsersOnServer.Password)).ExpectErrorAsync(HttpStatusCode.Unauthorized))
            .ShouldBe("auth.mfa_required");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"code\": \"\"}")]
    [InlineData("{\"code\": 123456}")]
    [InlineData("not json")]
    [InlineData("{\"code\": \"99999\"}")]
    [InlineData("{\"code\": \"abcdef\"}")]
    public async Task Confirm_BadInput_Answers400_AndLeavesMfaOff(string raw)
    {
        var (email, client) = await NewUserAsync();
        var me = await MyIdAsync(client);
        await (await client.PostJsonAsync($"/public/v1/users/{me}/mfa/authenticator", null)).ExpectAsync(HttpStatusCode.Created);

        await (await client.PostRawAsync($"/public/v1/users/{me}/mfa/authenticator/confirm", raw)).ExpectErrorAsync(HttpStatusCode.BadRequest);

        await (await LoginAsync(server.CreateClient(), email, UsersOnServer.Password)).ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Confirm_BeforeEnrolment_AndEnrolTwice_Answer400()
    {
        var (_, client) = await NewUserAsync();
        var me = await MyIdAsync(client);

        (await (await client.PostJsonAsync($"/public/v1/users/{me}/mfa/authenticator/confirm", new { code = "123456" })).ExpectErrorAsync(HttpStatusCode.BadRequest))
            .ShouldBe("mfa.not_started");
        await EnableAsync(server, client);
        (await (await client.PostJsonAsync($"/public/v1/users/{me}/mfa/authenticator", null)).ExpectErrorAsync(HttpStatusCode.BadRequest))
            .ShouldBe("mfa.already_enabled");
    }

    [Fact]
    public async Task Disable_WithAWrongPasswordIsRefused_WithTheRightOneTurnsMfaOff()
    {
        var (email, client) = await NewUserAsync();
        var me = await MyIdAsync(client);
        await EnableAsync(server, client);

        (await (await client.DeleteJsonAsync($"/public/v1/users/{me}/mfa/authenticator", new { password = "not it" })).ExpectErrorAsync(HttpStatusCode.BadRequest))
            .ShouldBe("mfa.password_invalid");
        await (await client.DeleteJsonAsync($"/public/v1/users/{me}/mfa/authenticator", new { })).ExpectErrorAsync(HttpStatusCode.BadRequest);
        (await (await LoginAsync(server.CreateClient(), email, UsersOnServer.Password)).ExpectErrorAsync(HttpStatusCode.Unauthorized)).ShouldBe("auth.mfa_required");
        var off = await client.DeleteJsonAsync($"/public/v1/users/{me}/mfa/authenticator", new { password = UsersOnServer.Password });

        off.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await LoginAsync(server.CreateClient(), email, UsersOnServer.Password)).ExpectAsync(HttpStatusCode.Created);
    }
}
