using Microsoft.Extensions.DependencyInjection;
using System.Net;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Api;

public sealed class ShortSessionServer : RosterServer
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Sessions:IdleTimeout", "00:10:00"),
        new("Sessions:AbsoluteTimeout", "01:00:00"),
        new("Sessions:TouchInterval", "00:00:30"),
        new("Security:LockoutAttempts", "3"),
        new("Security:LockoutDuration", "00:15:00"),
    ];
}

public sealed class SessionLifetimeTests(ShortSessionServer server) : IClassFixture<ShortSessionServer>
{
    [Fact]
    public async Task Session_IdleLongerThanTimeout_IsRefused()
    {
        var client = await server.SignedInClientAsync();
        server.Clock.Advance(TimeSpan.FromMinutes(11));

        await (await client.GetAsync("/public/v1/auth/context")).ExpectErrorAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Session_UsedWithinIdleTimeout_StaysAliveUntilAbsoluteTimeout()
    {
        var client = await server.SignedInClientAsync();
        for (var i = 0; i < 6; i++)
        {
            server.Clock.Advance(TimeSpan.FromMinutes(9));
            await (await client.GetAsync("/public/v1/auth/context")).ExpectAsync(HttpStatusCode.OK);
        }

        server.Clock.Advance(TimeSpan.FromMinutes(9));

        await (await client.GetAsync("/public/v1/auth/context")).ExpectErrorAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Login_AfterTooManyFailures_IsLockedOutEvenWithRightPassword_UntilLockoutEnds()
    {
        var email = "lockout@frontstreet.test";
        await CreateUserAsync(email);
        var client = server.CreateClient();
        for (var i = 0; i < 3; i++)
            await (await client.PostJsonAsync("/public/v1/auth/login", new { email, password = "wrong password" })).ExpectErrorAsync(HttpStatusCode.Unauthorized);

        var locked = await client.PostJsonAsync("/public/v1/auth/login", new { email, password = RosterServer.AdminPassword });
        // An email nobody has, after as many tries, is answered in the same words.
        for (var i = 0; i < 3; i++)
            await client.PostJsonAsync("/public/v1/auth/login", new { email = "ghost@frontstreet.test", password = "wrong password" });
        var unknown = await client.PostJsonAsync("/public/v1/auth/login", new { email = "ghost@frontstreet.test", password = RosterServer.AdminPassword });
        (await locked.Content.ReadAsStringAsync()).ShouldBe(await unknown.Content.ReadAsStringAsync());
        locked.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        server.Clock.Advance(TimeSpan.FromMinutes(16));
        await (await client.PostJsonAsync("/public/v1/auth/login", new { email, password = RosterServer.AdminPassword })).ExpectAsync(HttpStatusCode.Created);
    }

    private async Task CreateUserAsync(string email)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Roster.Data.RosterDbContext>();
        var create = scope.ServiceProvider.GetRequiredService<Roster.Users.CreateUser>();
        var prepared = await create.PrepareAsync(new Roster.Users.CreateUserRequest("Locked Person", email, RosterServer.AdminPassword), db);
        prepared.Succeeded.ShouldBeTrue();
        await db.SaveChangesAsync();
    }
}

public sealed class StrictRateServer : RosterServer
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Security:SignInsPerMinutePerAddress", "3")];
}

public sealed class SignInRateLimitTests(StrictRateServer server) : IClassFixture<StrictRateServer>
{
    [Fact]
    public async Task SignIn_FromOneAddressPastTheLimit_Is429OnApiAndPortal_WithRetryAfter_ButThePageStillOpens()
    {
        var client = server.CreateClient();
        for (var i = 0; i < 3; i++)
            await client.PostJsonAsync("/public/v1/auth/login", new { email = "nobody@x.test", password = "wrong password" });

        var api = await client.PostJsonAsync("/public/v1/auth/login", new { email = RosterServer.AdminEmail, password = RosterServer.AdminPassword });
        var form = await client.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = RosterServer.AdminEmail, ["Password"] = RosterServer.AdminPassword,
        }));
        var page = await client.GetAsync("/sign-in");

        (await api.ExpectErrorAsync(System.Net.HttpStatusCode.TooManyRequests)).ShouldBe("auth.too_many_attempts");
        api.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeInRange(1, 60);
        form.StatusCode.ShouldBe(System.Net.HttpStatusCode.TooManyRequests);
        (await form.Content.ReadAsStringAsync()).ShouldContain("Too many sign-in attempts from this address");
        page.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
    }
}
