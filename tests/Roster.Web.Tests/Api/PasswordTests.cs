using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roster.Data;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Api;

/// <summary>/auth/password/change, /restore, /set and DELETE /users/{id} over HTTP.</summary>
public sealed partial class PasswordTests(RosterServer server) : IClassFixture<RosterServer>
{
    private const string NewPassword = "a changed long passphrase";

    private async Task<(string Id, string Email)> NewUserAsync(string name = "Pat Word")
    {
        var email = $"{Guid.NewGuid():N}@passwords.test";
        return (await UsersOnServer.CreateAsync(server, email, name), email);
    }

    private Task<HttpClient> SignedInAsync(string email, string password = UsersOnServer.Password) => server.SignedInClientAsync(email, password);

    private async Task<HttpStatusCode> LoginStatusAsync(string email, string password) =>
        (await server.CreateClient().PostJsonAsync("/public/v1/auth/login", new { email, password })).StatusCode;

    [Fact]
    public async Task Change_EndsTheOtherSessions_WhoseNextRequestIs401_AndKeepsThisOne()
    {
        var (_, email) = await NewUserAsync();
        var here = await SignedInAsync(email);
        var elsewhere = await SignedInAsync(email);

        var changed = await here.PostJsonAsync("/public/v1/auth/password/change", new { old_password = UsersOnServer.Password, password = NewPassword });

        (await changed.ExpectAsync(HttpStatusCode.Created)).ToJsonString().ShouldBe("{}");
        changed.Content.Headers.ContentType!.ToString().ShouldBe("application/json");
        (await (await elsewhere.GetAsync("/public/v1/auth/context")).ExpectErrorAsync(HttpStatusCode.Unauthorized)).ShouldBe("auth.required");
        await (await here.GetAsync("/public/v1/auth/context")).ExpectAsync(HttpStatusCode.OK);
        (await LoginStatusAsync(email, UsersOnServer.Password)).ShouldBe(HttpStatusCode.Unauthorized);
        (await LoginStatusAsync(email, NewPassword)).ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Change_WithAWrongCurrentPassword_Is400_AndNothingChanges()
    {
        var (_, email) = await NewUserAsync();
        var here = await SignedInAsync(email);
        var elsewhere = await SignedInAsync(email);

        var response = await here.PostJsonAsync("/public/v1/auth/password/change", new { old_password = "not the password", password = NewPassword });

        (await response.ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe("auth.wrong_password");
        await (await elsewhere.GetAsync("/public/v1/auth/context")).ExpectAsync(HttpStatusCode.OK);
        (await LoginStatusAsync(email, UsersOnServer.Password)).ShouldBe(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("seven77", "users.password_too_short")]
    [InlineData("Password1", "users.password_common")]
    [InlineData("129", "users.password_too_long")]
    [InlineData(null, "users.password_required")]
    public async Task Change_ToAPasswordTheRulesRefuse_Is400WithTheRule(string? password, string code)
    {
        var (_, email) = await NewUserAsync();
        var here = await SignedInAsync(email);
        if (password == "129") password = Varied(129);

        var response = await here.PostJsonAsync("/public/v1/auth/password/change", new { old_password = UsersOnServer.Password, password });

        (await response.ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe(code);
        (await LoginStatusAsync(email, UsersOnServer.Password)).ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Change_To128Characters_IsAccepted()
    {
        var (_, email) = await NewUserAsync();
        var here = await SignedInAsync(email);

        await (await here.PostJsonAsync("/public/v1/auth/password/change", new { old_password = UsersOnServer.Password, password = Varied(128) }))
            .ExpectAsync(HttpStatusCode.Created);

        (await LoginStatusAsync(email, Varied(128))).ShouldBe(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("not json", "request.invalid_json")]
    [InlineData("[1, 2]", "request.invalid_json")]
    [InlineData("{}", "auth.old_password_required")]
    public async Task Change_WithABadBody_Is400(string raw, string code)
    {
        var (_, email) = await NewUserAsync();
        var here = await SignedInAsync(email);

        (await (await here.PostRawAsync("/public/v1/auth/password/change", raw)).ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe(code);
    }

    [Fact]
    public async Task Change_WithoutASession_Is401_AndWithAnApiToken_Is403()
    {
        var admin = await server.SignedInClientAsync();
        var token = server.WithApiKey(await admin.CreateActiveTokenAsync("MD-0001"));
        var body = new { old_password = RosterServer.AdminPassword, password = NewPassword };

        (await (await server.CreateClient().PostJsonAsync("/public/v1/auth/password/change", body)).ExpectErrorAsync(HttpStatusCode.Unauthorized))
            .ShouldBe("auth.required");
        (await (await token.PostJsonAsync("/public/v1/auth/password/change", body)).ExpectErrorAsync(HttpStatusCode.Forbidden))
            .ShouldBe("auth.session_required");
        (await LoginStatusAsync(RosterServer.AdminEmail, RosterServer.AdminPassword)).ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Restore_AnswersExactlyAlike_ForRegisteredAndUnknownEmails()
    {
        var (_, email) = await NewUserAsync();
        var client = server.CreateClient();

        var known = await client.PostJsonAsync("/public/v1/auth/password/restore", new { email });
        var unknown = await client.PostJsonAsync("/public/v1/auth/password/restore", new { email = $"{Guid.NewGuid():N}@passwords.test" });

        known.StatusCode.ShouldBe(HttpStatusCode.OK);
        unknown.StatusCode.ShouldBe(known.StatusCode);
        unknown.Content.Headers.ContentType!.ToString().ShouldBe(known.Content.Headers.ContentType!.ToString());
        (await unknown.Content.ReadAsStringAsync()).ShouldBe(await known.Content.ReadAsStringAsync());
        known.Headers.Contains("Set-Cookie").ShouldBeFalse();
        await ResetTokenAsync(email);
    }

    [Fact]
    public async Task Restore_WithAForgedHost_MailsNoLinkToThatHost()
    {
        var (_, email) = await NewUserAsync();
        var client = server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/public/v1/auth/password/restore")
        {
            Content = JsonContent.Create(new { email }),
        };
        request.Headers.Host = "attacker.example";

        (await client.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await using var scope = server.Services.CreateAsyncScope();
        var body = await scope.ServiceProvider.GetRequiredService<RosterDbContext>().Outbox
            .Where(m => m.To == email && m.Subject == "Reset your Roster password").Select(m => m.Body).SingleAsync();
        body.ShouldNotContain("attacker.example", customMessage: body);
        body.ShouldContain($"{server.BaseAddress.GetLeftPart(UriPartial.Authority)}/reset-password?token=");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"email\": \"not an email\"}")]
    [InlineData("not json")]
    public async Task Restore_WithoutAUsableEmail_Is400(string raw)
    {
        await (await server.CreateClient().PostRawAsync("/public/v1/auth/password/restore", raw)).ExpectErrorAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Set_WithTheMailedToken_SetsThePasswordOnce_AndEndsEverySession()
    {
        var (id, email) = await NewUserAsync("Rita Reset");
        var session = await SignedInAsync(email);
        await server.CreateClient().PostJsonAsync("/public/v1/auth/password/restore", new { email });
        var token = await ResetTokenAsync(email);
        var anonymous = server.CreateClient();

        var set = await anonymous.PostJsonAsync("/public/v1/auth/password/set", new { token, password = NewPassword });
        var again = await anonymous.PostJsonAsync("/public/v1/auth/password/set", new { token, password = "a second new passphrase" });

        var body = await set.ExpectAsync(HttpStatusCode.Created);
        body["user"]!["id"]!.GetValue<string>().ShouldBe(id);
        set.Headers.Contains("Set-Cookie").ShouldBeFalse();
        (await again.ExpectErrorAsync(HttpStatusCode.Unauthorized)).ShouldBe("auth.reset_link_used");
        await (await session.GetAsync("/public/v1/auth/context")).ExpectErrorAsync(HttpStatusCode.Unauthorized);
        (await LoginStatusAsync(email, NewPassword)).ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Set_AfterTheLinksLifetime_Is401Expired()
    {
        var (_, email) = await NewUserAsync();
        await server.CreateClient().PostJsonAsync("/public/v1/auth/password/restore", new { email });
        var token = await ResetTokenAsync(email);
        server.Clock.Advance(TimeSpan.FromMinutes(31));

        var set = await server.CreateClient().PostJsonAsync("/public/v1/auth/password/set", new { token, password = NewPassword });

        (await set.ExpectErrorAsync(HttpStatusCode.Unauthorized)).ShouldBe("auth.reset_link_expired");
        (await LoginStatusAsync(email, UsersOnServer.Password)).ShouldBe(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("{\"token\": \"made-up\", \"password\": \"a fine long passphrase\"}", HttpStatusCode.Unauthorized, "auth.reset_link_invalid")]
    [InlineData("{\"password\": \"a fine long passphrase\"}", HttpStatusCode.Unauthorized, "auth.reset_link_invalid")]
    [InlineData("not json", HttpStatusCode.BadRequest, "request.invalid_json")]
    public async Task Set_WithABadTokenOrBody_IsRefusedAsConnectDeclares(string raw, HttpStatusCode status, string code)
    {
        // Connect declares 401 for a reset link that does not authenticate; a body that is not JSON stays a 400.
        (await (await server.CreateClient().PostRawAsync("/public/v1/auth/password/set", raw)).ExpectErrorAsync(status)).ShouldBe(code);
    }

    [Fact]
    public async Task DeleteOwnUser_WithThePassword_Is204_SignsOut_AndTheUserIsGone()
    {
        var (id, email) = await NewUserAsync();
        var here = await SignedInAsync(email);
        var elsewhere = await SignedInAsync(email);

        var response = await DeleteAsync(here, $"/public/v1/users/{id}", new { password = UsersOnServer.Password });

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        response.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith("roster_session=;", StringComparison.Ordinal));
        await (await elsewhere.GetAsync("/public/v1/auth/context")).ExpectErrorAsync(HttpStatusCode.Unauthorized);
        (await LoginStatusAsync(email, UsersOnServer.Password)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task DeleteOwnUser_WithAWrongOrMissingPassword_Is400_AndNothingChanges()
    {
        var (id, email) = await NewUserAsync();
        var here = await SignedInAsync(email);

        var wrong = await DeleteAsync(here, $"/public/v1/users/{id}", new { password = "not the password" });
        var missing = await here.DeleteAsync($"/public/v1/users/{id}");

        (await wrong.ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe("auth.wrong_password");
        (await missing.ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe("auth.password_required");
        await (await here.GetAsync("/public/v1/auth/context")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task DeleteUser_OfSomeoneElse_Is404_LikeAUserThatDoesNotExist()
    {
        var (otherId, otherEmail) = await NewUserAsync();
        var admin = await server.SignedInClientAsync();

        var other = await DeleteAsync(admin, $"/public/v1/users/{otherId}", new { password = RosterServer.AdminPassword });
        var none = await DeleteAsync(admin, "/public/v1/users/UR-000-000-000", new { password = RosterServer.AdminPassword });

        (await other.ExpectErrorAsync(HttpStatusCode.NotFound)).ShouldBe("user.not_found");
        (await none.Content.ReadAsStringAsync()).ShouldBe(await other.Content.ReadAsStringAsync());
        (await LoginStatusAsync(otherEmail, UsersOnServer.Password)).ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task DeleteOwnUser_AsTheLastAdministratorOrOnlyMember_Is400NamingTheAccount()
    {
        var admin = await server.SignedInClientAsync();
        var me = (await (await admin.GetAsync("/public/v1/auth/context")).ExpectAsync(HttpStatusCode.OK))["user"]!["id"]!.GetValue<string>();

        var response = await DeleteAsync(admin, $"/public/v1/users/{me}", new { password = RosterServer.AdminPassword });

        var text = await response.Content.ReadAsStringAsync();
        // Whether other tests of this server added members decides which refusal; both name the account and change nothing.
        (await response.ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBeOneOf("users.last_admin", "users.sole_member");
        text.ShouldContain(RosterServer.AccountName);
        await (await admin.GetAsync("/public/v1/auth/context")).ExpectAsync(HttpStatusCode.OK);
    }

    private static Task<HttpResponseMessage> DeleteAsync(HttpClient client, string path, object body) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, path)
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        });

    private async Task<string> ResetTokenAsync(string email)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RosterDbContext>();
        var body = await db.Outbox.Where(m => m.To == email && m.Subject == "Reset your Roster password")
            .OrderByDescending(m => m.Id).Select(m => m.Body).FirstAsync();
        var token = ResetLink().Match(body).Groups[1].Value;
        token.ShouldNotBeEmpty();
        return token;
    }

    /// <summary>Uncommon text of any length (no repeats, runs or listed words).</summary>
    internal static string Varied(int length)
    {
        const string words = "kiwi lantern orbit quartz meadow falcon ember tundra ";
        return string.Concat(Enumerable.Repeat(words, length / words.Length + 1))[..length];
    }

    [GeneratedRegex(@"/reset-password\?token=([A-Za-z0-9_\-]+)")]
    internal static partial Regex ResetLink();
}

public sealed class PasswordRateLimitTests(StrictRateServer server) : IClassFixture<StrictRateServer>
{
    [Fact]
    public async Task Restore_FromOneAddressPastTheSignInLimit_Is429()
    {
        var client = server.CreateClient();
        for (var i = 0; i < 3; i++)
            await client.PostJsonAsync("/public/v1/auth/password/restore", new { email = $"probe{i}@x.test" });

        var response = await client.PostJsonAsync("/public/v1/auth/password/restore", new { email = "probe@x.test" });

        (await response.ExpectErrorAsync(HttpStatusCode.TooManyRequests)).ShouldBe("auth.too_many_attempts");
    }
}
