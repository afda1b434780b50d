using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roster.Data;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Api;

/// <summary>Roster mailing through a real SMTP server, with a lockout after three wrong passwords for fifteen minutes.</summary>
public sealed class LockoutMailServer : MailingServer
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        .. base.Settings,
        new("Security:LockoutAttempts", "3"),
        new("Security:LockoutDuration", "00:15:00"),
        // The lockout is what these tests look at, not the per-address limit in front of it.
        new("Security:SignInsPerMinutePerAddress", "1000"),
    ];
}

public sealed class LockoutTests(LockoutMailServer server) : IClassFixture<LockoutMailServer>
{
    public const string PausedSubject = "Signing in to your Roster user is paused";

    [Fact]
    public async Task Login_TheWrongPasswordThatReachesTheLimit_SaysSignInIsPausedAndForHowLong_AsTheRightOneDoesThen()
    {
        var email = await NewUserAsync();
        var client = server.CreateClient();

        for (var i = 0; i < 2; i++)
            (await (await Login(client, email, "wrong password")).ExpectErrorAsync(HttpStatusCode.Unauthorized)).ShouldBe("auth.invalid_credentials");
        var third = await Login(client, email, "wrong password");
        var right = await Login(client, email, UsersOnServer.Password);
        server.Clock.Advance(TimeSpan.FromMinutes(5));
        var later = await Login(client, email, UsersOnServer.Password);

        (await third.ExpectErrorAsync(HttpStatusCode.Unauthorized)).ShouldBe("auth.sign_in_paused");
        (await third.JsonAsync())["errors"]![0]!.GetValue<string>().ShouldBe("Too many attempts. Try again in 15 minutes.");
        (await right.JsonAsync())["errors"]![0]!.GetValue<string>().ShouldBe("Too many attempts. Try again in 15 minutes.");
        (await later.JsonAsync())["errors"]![0]!.GetValue<string>().ShouldBe("Too many attempts. Try again in 10 minutes.");
        server.Clock.Advance(TimeSpan.FromMinutes(11));
        await (await Login(client, email, UsersOnServer.Password)).ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Login_AnUnknownEmailUnderTheSameCount_GetsTheSameWords()
    {
        var email = await NewUserAsync();
        var ghost = $"ghost-{Guid.NewGuid():N}@lockout.test";
        var client = server.CreateClient();

        var known = new List<string>();
        var unknown = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            known.Add(await (await Login(client, email, "wrong password")).Content.ReadAsStringAsync());
            unknown.Add(await (await Login(client, ghost, "wrong password")).Content.ReadAsStringAsync());
        }

        unknown.ShouldBe(known);
        known[2].ShouldContain("Too many attempts. Try again in 15 minutes.");
    }

    [Fact]
    public async Task Login_LockingAUser_MailsTheOwnerOnce_SayingWhenFromWhereUntilWhenAndWhatToDo()
    {
        var email = await NewUserAsync();
        var client = server.CreateClient();
        var lockedAt = server.Clock.GetUtcNow();

        for (var i = 0; i < 5; i++) await Login(client, email, "wrong password");

        var mail = await server.MailToAsync(email, PausedSubject);
        mail.Body.ShouldContain($"{lockedAt:yyyy-MM-dd HH:mm} UTC");
        mail.Body.ShouldContain("from the address 127.0.0.1");
        mail.Body.ShouldContain($"{lockedAt.AddMinutes(15):yyyy-MM-dd HH:mm} UTC");
        mail.Body.ShouldContain("/forgot-password");
        (await PausedMailsAsync(email)).ShouldBe(1);
    }

    [Fact]
    public async Task Login_ManyWrongPasswordsAtOnceOnManyClients_MailTheOwnerExactlyOnce()
    {
        for (var round = 0; round < 3; round++)
        {
            var email = await NewUserAsync();
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var sent = Enumerable.Range(0, 12).Select(async i =>
            {
                var client = server.CreateClient();
                await start.Task;
                return await Login(client, email, $"wrong guess {i}");
            }).ToArray();
            start.SetResult();
            var answers = await Task.WhenAll(sent);

            answers.ShouldAllBe(a => a.StatusCode == HttpStatusCode.Unauthorized);
            (await PausedMailsAsync(email)).ShouldBe(1, $"round {round}");
            (await server.MailToAsync(email, PausedSubject)).To.ShouldContain(email);
        }
    }

    private static Task<HttpResponseMessage> Login(HttpClient client, string email, string password) =>
        client.PostJsonAsync("/public/v1/auth/login", new { email, password });

    private async Task<string> NewUserAsync()
    {
        var email = $"lock-{Guid.NewGuid():N}@lockout.test";
        await UsersOnServer.CreateAsync(server, email, "Lou Locked");
        return email;
    }

    private async Task<int> PausedMailsAsync(string email)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RosterDbContext>().Outbox
            .CountAsync(m => m.To == email && m.Subject == PausedSubject);
    }
}
