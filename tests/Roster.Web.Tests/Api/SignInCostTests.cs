using System.Net;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Api;

/// <summary>
/// Every failing sign-in costs one password hash of the configured cost, so no answer's timing tells whether an
/// email is registered, invited or locked. Counted with Roster's verification counter, never timed.
/// </summary>
public sealed class SignInCostTests(RosterServer server) : IClassFixture<RosterServer>
{
    public enum Path { UnknownEmail, InvitedNeverRegistered, WrongPassword, LockedOut }

    [Theory]
    [InlineData(Path.UnknownEmail, "decoy")]
    [InlineData(Path.InvitedNeverRegistered, "decoy")]
    [InlineData(Path.WrongPassword, "real")]
    [InlineData(Path.LockedOut, "decoy")]
    public async Task Login_FailingOnEveryPath_VerifiesExactlyOneHash(Path path, string hash)
    {
        var email = await EmailForAsync(path);
        using var verifications = new PasswordVerifications(server.Services);

        var answer = await server.CreateClient().PostJsonAsync("/public/v1/auth/login", new { email, password = "a guess at the password" });

        (await answer.ExpectErrorAsync(HttpStatusCode.Unauthorized)).ShouldBe(path == Path.LockedOut ? "auth.sign_in_paused" : "auth.invalid_credentials");
        verifications.Total.ShouldBe(1, verifications.ToString());
        (hash == "real" ? verifications.Real : verifications.Decoy).ShouldBe(1, verifications.ToString());
    }

    private async Task<string> EmailForAsync(Path path)
    {
        var email = $"cost-{Guid.NewGuid():N}@frontstreet.test";
        switch (path)
        {
            case Path.InvitedNeverRegistered:
                var admin = await server.SignedInClientAsync();
                var accountId = await admin.ActiveAccountIdAsync();
                var group = (await (await admin.PostJsonAsync($"/public/v1/accounts/{accountId}/groups", new { name = $"C{Guid.NewGuid():N}"[..12] }))
                    .ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
                await (await admin.PostJsonAsync($"/public/v1/accounts/{accountId}/users", new { name = "Ivy Invited", email, groups = new[] { new { id = group } } }))
                    .ExpectAsync(HttpStatusCode.Created);
                break;
            case Path.WrongPassword:
                await UsersOnServer.CreateAsync(server, email);
                break;
            case Path.LockedOut:
                await UsersOnServer.CreateAsync(server, email);
                for (var i = 0; i < 5; i++)
                    await (await server.CreateClient().PostJsonAsync("/public/v1/auth/login", new { email, password = "wrong password" }))
                        .ExpectErrorAsync(HttpStatusCode.Unauthorized);
                break;
        }
        return email;
    }
}
