using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roster.Data;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Api;

/// <summary>POST /users: Connect's sign-up, off by default; people join through an invitation.</summary>
public sealed class SignUpOffTests(RosterServer server) : IClassFixture<RosterServer>
{
    [Fact]
    public async Task SignUp_ByDefault_Is404WithConnectsErrorBody_AndCreatesNoUser()
    {
        var email = $"sign-up-{Guid.NewGuid():N}@signup.test";
        var body = new { email, name = "Sid Signup" };

        foreach (var client in new[] { server.CreateClient(), await server.SignedInClientAsync() })
            (await (await client.PostJsonAsync("/public/v1/users", body)).ExpectErrorAsync(HttpStatusCode.NotFound)).ShouldBe("users.sign_up_unavailable");

        await using var scope = server.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<RosterDbContext>().Users.AnyAsync(u => u.Email == email)).ShouldBeFalse();
    }
}

public sealed class SignUpServer : RosterServer
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("SignUp:Enabled", "true")];
}

/// <summary>POST /users with SignUp:Enabled: a user without a password, and a mailed link to choose one.</summary>
public sealed class SignUpTests(SignUpServer server) : IClassFixture<SignUpServer>
{
    private const string Password = "a long sign-up passphrase";

    [Fact]
    public async Task SignUp_NewEmail_AnswersTheUser_AndTheMailedLinkSetsThePasswordToSignInWith()
    {
        var email = NewEmail();

        var answer = await server.CreateClient().PostJsonAsync("/public/v1/users", new { email, name = "Sam Signup", timezone = "Europe/Berlin" });

        var body = await answer.ExpectAsync(HttpStatusCode.Created);
        (body["email"]!.GetValue<string>(), body["name"]!.GetValue<string>(), body["timezone"]!.GetValue<string>())
            .ShouldBe((email, "Sam Signup", "Europe/Berlin"));
        answer.Headers.Contains("Set-Cookie").ShouldBeFalse();
        (await server.CreateClient().PostJsonAsync("/public/v1/auth/login", new { email, password = Password })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var token = await LinkTokenAsync(email, "Finish signing up for Roster");
        await (await server.CreateClient().PostJsonAsync("/public/v1/auth/password/set", new { token, password = Password })).ExpectAsync(HttpStatusCode.Created);

        (await server.CreateClient().PostJsonAsync("/public/v1/auth/login", new { email, password = Password })).StatusCode.ShouldBe(HttpStatusCode.Created);
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RosterDbContext>();
        var user = await db.Users.SingleAsync(u => u.Email == email);
        (user.Name, user.TimeZone).ShouldBe(("Sam Signup", "Europe/Berlin"));
        (await db.Memberships.AnyAsync(m => m.UserId == user.Id)).ShouldBeFalse();
    }

    [Fact]
    public async Task SignUp_EmailThatHasAUser_AnswersAlike_MailsTheOwner_AndChangesNothing()
    {
        var taken = NewEmail();
        await UsersOnServer.CreateAsync(server, taken, "Tia Taken");
        var fresh = NewEmail();

        var forTaken = await server.CreateClient().PostJsonAsync("/public/v1/users", new { email = taken, name = "Someone Else" });
        var forFresh = await server.CreateClient().PostJsonAsync("/public/v1/users", new { email = fresh, name = "Someone Else" });

        forTaken.StatusCode.ShouldBe(forFresh.StatusCode);
        (await forTaken.Content.ReadAsStringAsync()).Replace(taken, "EMAIL", StringComparison.Ordinal)
            .ShouldBe((await forFresh.Content.ReadAsStringAsync()).Replace(fresh, "EMAIL", StringComparison.Ordinal));
        (await LinkTokenAsync(fresh, "Finish signing up for Roster")).ShouldNotBeEmpty();
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RosterDbContext>();
        (await db.Outbox.CountAsync(m => m.To == taken && m.Subject == "You already have a Roster user")).ShouldBe(1);
        (await db.Users.SingleAsync(u => u.Email == taken)).Name.ShouldBe("Tia Taken");
        (await server.CreateClient().PostJsonAsync("/public/v1/auth/login", new { email = taken, password = UsersOnServer.Password }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task SignUp_Again_BeforeChoosingAPassword_MailsANewLink_AndOnlyItWorks()
    {
        var email = NewEmail();
        await (await server.CreateClient().PostJsonAsync("/public/v1/users", new { email, name = "Ray Repeat" })).ExpectAsync(HttpStatusCode.Created);
        var first = await LinkTokenAsync(email, "Finish signing up for Roster");

        await (await server.CreateClient().PostJsonAsync("/public/v1/users", new { email, name = "Ray Repeat" })).ExpectAsync(HttpStatusCode.Created);
        var second = await LinkTokenAsync(email, "Finish signing up for Roster");

        second.ShouldNotBe(first);
        (await (await server.CreateClient().PostJsonAsync("/public/v1/auth/password/set", new { token = first, password = Password }))
            .ExpectErrorAsync(HttpStatusCode.Unauthorized)).ShouldBe("auth.reset_link_invalid");
        await (await server.CreateClient().PostJsonAsync("/public/v1/auth/password/set", new { token = second, password = Password })).ExpectAsync(HttpStatusCode.Created);
        await using var scope = server.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<RosterDbContext>().Users.CountAsync(u => u.Email == email)).ShouldBe(1);
    }

    [Fact]
    public async Task SignUp_SameNewEmailTwiceAtOnce_MakesOneUser()
    {
        var email = NewEmail();

        var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            server.CreateClient().PostJsonAsync("/public/v1/users", new { email, name = "Tess Twice" })));

        answers.Select(a => a.StatusCode).ShouldAllBe(s => s == HttpStatusCode.Created);
        await using var scope = server.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<RosterDbContext>().Users.CountAsync(u => u.Email == email)).ShouldBe(1);
    }

    [Fact]
    public async Task SignUp_BadInput_Is400NamingEveryProblem_AndCreatesNothing()
    {
        var answer = await server.CreateClient().PostJsonAsync("/public/v1/users", new { email = "not-an-email", name = "", timezone = "Mars/Olympus" });

        (await answer.ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldNotBeNullOrEmpty();
        var errors = (await answer.JsonAsync())["errors"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();
        errors.Count.ShouldBe(3, string.Join(" | ", errors));
        await using var scope = server.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<RosterDbContext>().Users.AnyAsync(u => u.Email == "not-an-email")).ShouldBeFalse();
    }

    private static string NewEmail() => $"sign-up-{Guid.NewGuid():N}@signup.test";

    private async Task<string> LinkTokenAsync(string email, string subject)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var body = await scope.ServiceProvider.GetRequiredService<RosterDbContext>().Outbox
            .Where(m => m.To == email && m.Subject == subject).OrderByDescending(m => m.Id).Select(m => m.Body).FirstAsync();
        return PasswordTests.ResetLink().Match(body).Groups[1].Value;
    }
}
