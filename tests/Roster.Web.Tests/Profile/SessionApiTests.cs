using System.Net;
using System.Text.Json.Nodes;
using Roster.Audit;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Profile;

public sealed class SessionApiTests(RosterServer server) : IClassFixture<RosterServer>
{
    private static string Id(JsonNode? node) => node!["id"]!.GetValue<string>();

    [Fact]
    public async Task ListOwnSessions_ShowsEachWithDeviceLocationStatusAndTheCurrentOne()
    {
        var me = await Person.CreateAsync(server, userAgent: Person.Firefox);
        var phone = await me.SignInAgainAsync(Person.SafariOnIPhone);

        var response = await me.Client.GetAsync(me.Path("/sessions"));

        var sessions = (await response.ExpectAsync(HttpStatusCode.OK)).AsArray();
        response.ContentRange().ShouldBe("items 0-1/2");
        var current = sessions.Single(s => s!["current"]!.GetValue<bool>())!;
        var other = sessions.Single(s => !s!["current"]!.GetValue<bool>())!;
        current["status"]!.GetValue<string>().ShouldBe("active");
        current["device"]!["browser"]!.GetValue<string>().ShouldBe("Firefox 128");
        current["device"]!["os"]!.GetValue<string>().ShouldBe("Linux");
        current["device"]!["ua"]!.GetValue<string>().ShouldBe(Person.Firefox);
        current["location"]!["ip"]!.GetValue<string>().ShouldBe("127.0.0.1");
        current["location"]!["name"]!.GetValue<string>().ShouldBe("Local network");
        current["events"]!["created"]!["at"].ShouldNotBeNull();
        current["events"]!["updated"]!["at"].ShouldNotBeNull();
        Id(current).ShouldStartWith("SS-");
        other["device"]!["browser"]!.GetValue<string>().ShouldBe("Safari 17");
        other["device"]!["os"]!.GetValue<string>().ShouldBe("iOS");
        var seenFromPhone = (await (await phone.GetAsync(me.Path("/sessions"))).ExpectAsync(HttpStatusCode.OK)).AsArray();
        Id(seenFromPhone.Single(s => s!["current"]!.GetValue<bool>())).ShouldBe(Id(other));
    }

    [Fact]
    public async Task ListOwnSessions_FiltersByStatusCurrentAndCreationTime_AndRefusesOtherFields()
    {
        var me = await Person.CreateAsync(server);
        var second = await me.SignInAgainAsync();
        server.Clock.Advance(TimeSpan.FromMinutes(1));
        var third = await me.SignInAgainAsync();
        var thirdId = Id((await (await third.GetAsync(me.Path("/sessions?current=true"))).ExpectAsync(HttpStatusCode.OK))[0]);
        await (await third.PostJsonAsync("/public/v1/auth/logout", null)).ExpectAsync(HttpStatusCode.OK);

        (await me.SessionsAsync("?current=true")).Count.ShouldBe(1);
        (await me.SessionsAsync("?eq(current,false)")).Count.ShouldBe(2);
        (await me.SessionsAsync("?status=active")).Count.ShouldBe(2);
        Id((await me.SessionsAsync("?eq(status,terminated)")).Single()).ShouldBe(thirdId);
        (await me.SessionsAsync("?in(status,(terminated,expired))")).Count.ShouldBe(1);
        (await me.SessionsAsync("?status=deleted")).ShouldBeEmpty();
        var created = (await me.SessionsAsync()).Select(s => s!["events"]!["created"]!["at"]!.GetValue<DateTimeOffset>()).ToList();
        created.ShouldBe(created.OrderByDescending(c => c).ToList());
        var since = created[0].ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        Id((await me.SessionsAsync($"?ge(events.created.at,{since})")).Single()).ShouldBe(thirdId);
        (await me.SessionsAsync("?ordering(events.created.at)"))[2]!["id"]!.GetValue<string>().ShouldBe(thirdId);

        await (await me.Client.GetAsync(me.Path("/sessions?eq(ip,127.0.0.1)"))).ExpectErrorAsync(HttpStatusCode.BadRequest);
        await (await me.Client.GetAsync(me.Path("/sessions?eq(current,maybe)"))).ExpectErrorAsync(HttpStatusCode.BadRequest);
        await (await me.Client.GetAsync(me.Path("/sessions?gt(events.created.at,yesterday)"))).ExpectErrorAsync(HttpStatusCode.BadRequest);
        second.Dispose();
    }

    [Fact]
    public async Task Terminate_EndsThatSession_WhoseNextRequestIs401_AndTheCallerCarriesOn()
    {
        var me = await Person.CreateAsync(server);
        var laptop = await me.SignInAgainAsync();
        var laptopId = Id((await (await laptop.GetAsync(me.Path("/sessions?current=true"))).ExpectAsync(HttpStatusCode.OK))[0]);

        var ended = await (await me.Client.PostJsonAsync(me.Path($"/sessions/{laptopId}/terminate"), null)).ExpectAsync(HttpStatusCode.OK);

        ended["status"]!.GetValue<string>().ShouldBe("terminated");
        ended["events"]!["terminated"]!["at"].ShouldNotBeNull();
        (await (await laptop.GetAsync("/public/v1/auth/context")).ExpectErrorAsync(HttpStatusCode.Unauthorized)).ShouldBe("auth.required");
        await (await me.Client.GetAsync("/public/v1/auth/context")).ExpectAsync(HttpStatusCode.OK);
        var read = await (await me.Client.GetAsync(me.Path($"/sessions/{laptopId}"))).ExpectAsync(HttpStatusCode.OK);
        read["status"]!.GetValue<string>().ShouldBe("terminated");
        read["current"]!.GetValue<bool>().ShouldBeFalse();
        var audit = (await me.AuditAsync(AuditAction.SessionTerminated)).Single();
        // Ending one's own session is personal: it names the session and stays out of every account's trail.
        audit.ObjectId.ShouldBe(me.Id);
        audit.Changes.ShouldNotBeNull().ShouldContain(laptopId);
        audit.AccountId.ShouldBeNull();

        var again = await me.Client.PostJsonAsync(me.Path($"/sessions/{laptopId}/terminate"), null);
        (await again.ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe("sessions.not_active");
        var unknown = await me.Client.PostJsonAsync(me.Path("/sessions/SS-000-000-000-000/terminate"), null);
        (await unknown.ExpectErrorAsync(HttpStatusCode.NotFound)).ShouldBe("session.not_found");
        (await me.AuditAsync(AuditAction.SessionTerminated)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task TerminateOthers_EndsEveryOtherActiveSession_AndKeepsTheCallers()
    {
        var me = await Person.CreateAsync(server);
        var laptop = await me.SignInAgainAsync();
        var phone = await me.SignInAgainAsync();
        var stranger = await Person.CreateAsync(server);

        var answer = await (await me.Client.PostJsonAsync(me.Path("/sessions/terminate-others"), null)).ExpectAsync(HttpStatusCode.OK);

        answer["terminated"]!.GetValue<int>().ShouldBe(2);
        await (await laptop.GetAsync("/public/v1/auth/context")).ExpectErrorAsync(HttpStatusCode.Unauthorized);
        await (await phone.GetAsync("/public/v1/auth/context")).ExpectErrorAsync(HttpStatusCode.Unauthorized);
        await (await me.Client.GetAsync("/public/v1/auth/context")).ExpectAsync(HttpStatusCode.OK);
        await (await stranger.Client.GetAsync("/public/v1/auth/context")).ExpectAsync(HttpStatusCode.OK);
        (await me.SessionsAsync("?status=active")).Single()!["current"]!.GetValue<bool>().ShouldBeTrue();
        (await me.SessionsAsync("?status=terminated")).Count.ShouldBe(2);
        var audit = (await me.AuditAsync(AuditAction.OtherSessionsTerminated)).Single();
        JsonNode.Parse(audit.Changes!)!["sessions"]!.GetValue<int>().ShouldBe(2);

        var none = await (await me.Client.PostJsonAsync(me.Path("/sessions/terminate-others"), null)).ExpectAsync(HttpStatusCode.OK);
        none["terminated"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task SomeoneElsesSessions_AreNotFound_AndCannotBeEnded()
    {
        var victim = await Person.CreateAsync(server);
        var victimSession = Id((await victim.SessionsAsync())[0]);
        var intruder = await Person.CreateAsync(server);
        var intruderSession = Id((await intruder.SessionsAsync())[0]);
        var account = await victim.CreateAccountAsync("Victim Ventures");
        var token = server.WithApiKey(await victim.Client.CreateActiveTokenAsync("MD-0001"));

        foreach (var client in new[] { intruder.Client, token })
        {
            await (await client.GetAsync(victim.Path("/sessions"))).ExpectErrorAsync(HttpStatusCode.NotFound);
            await (await client.GetAsync(victim.Path($"/sessions/{victimSession}"))).ExpectErrorAsync(HttpStatusCode.NotFound);
            await (await client.PostJsonAsync(victim.Path($"/sessions/{victimSession}/terminate"), null)).ExpectErrorAsync(HttpStatusCode.NotFound);
            await (await client.PostJsonAsync(victim.Path("/sessions/terminate-others"), null)).ExpectErrorAsync(HttpStatusCode.NotFound);
            await (await client.GetAsync(victim.Path("/sign-ins"))).ExpectErrorAsync(HttpStatusCode.NotFound);
        }
        // Another user's session id under one's own user is not found either.
        await (await intruder.Client.PostJsonAsync(intruder.Path($"/sessions/{victimSession}/terminate"), null)).ExpectErrorAsync(HttpStatusCode.NotFound);
        await (await victim.Client.GetAsync(victim.Path($"/sessions/{intruderSession}"))).ExpectErrorAsync(HttpStatusCode.NotFound);

        await (await victim.Client.GetAsync("/public/v1/auth/context")).ExpectAsync(HttpStatusCode.OK);
        (await victim.SessionsAsync("?status=active")).Count.ShouldBe(1);
        account.ShouldNotBeNull();
    }

    [Fact]
    public async Task SignInHistory_ListsSuccessesAndFailuresNewestFirst_WithReasonAndDevice()
    {
        var me = await Person.CreateAsync(server);
        var client = server.CreateClient();
        client.DefaultRequestHeaders.UserAgent.ParseAdd(Person.SafariOnIPhone);
        server.Clock.Advance(TimeSpan.FromSeconds(1));
        await (await client.PostJsonAsync("/public/v1/auth/login", new { email = me.Email, password = "not the password" })).ExpectErrorAsync(HttpStatusCode.Unauthorized);
        server.Clock.Advance(TimeSpan.FromSeconds(1));
        await me.SignInAgainAsync(Person.SafariOnIPhone);

        var response = await me.Client.GetAsync(me.Path("/sign-ins"));

        var attempts = (await response.ExpectAsync(HttpStatusCode.OK)).AsArray();
        response.ContentRange().ShouldBe("items 0-2/3");
        attempts.Select(a => a!["status"]!.GetValue<string>()).ShouldBe(["succeeded", "failed", "succeeded"]);
        var failed = attempts[1]!;
        failed["reason"]!.GetValue<string>().ShouldBe("wrong_password");
        failed["device"]!["browser"]!.GetValue<string>().ShouldBe("Safari 17");
        failed["device"]!["os"]!.GetValue<string>().ShouldBe("iOS");
        failed["location"]!["name"]!.GetValue<string>().ShouldBe("Local network");
        attempts[2]!["device"]!["browser"]!.GetValue<string>().ShouldBe("Firefox 128");
        attempts[0]!["reason"].ShouldBeNull();
        (await (await me.Client.GetAsync(me.Path("/sign-ins?status=failed"))).ExpectAsync(HttpStatusCode.OK)).AsArray().Count.ShouldBe(1);
        (await (await me.Client.GetAsync(me.Path("/sign-ins?limit=1"))).ExpectAsync(HttpStatusCode.OK)).AsArray().Count.ShouldBe(1);
    }
}

public sealed class ShortSessionProfileServer : RosterServer
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Sessions:IdleTimeout", "00:10:00"),
        new("Sessions:AbsoluteTimeout", "01:00:00"),
        new("Sessions:TouchInterval", "00:00:30"),
    ];
}

/// <summary>Sessions that lapse read as expired in the list at once, before any request of theirs finds them lapsed.</summary>
public sealed class SessionTimeoutListingTests(ShortSessionProfileServer server) : IClassFixture<ShortSessionProfileServer>
{
    [Fact]
    public async Task IdleSession_ListsAsExpired_CannotBeTerminated_AndIsRefused()
    {
        var me = await Person.CreateAsync(server);
        var idle = await me.SignInAgainAsync();
        var idleId = (await (await idle.GetAsync(me.Path("/sessions?current=true"))).ExpectAsync(HttpStatusCode.OK))[0]!["id"]!.GetValue<string>();

        server.Clock.Advance(TimeSpan.FromMinutes(8));
        await (await me.Client.GetAsync("/public/v1/auth/context")).ExpectAsync(HttpStatusCode.OK);
        server.Clock.Advance(TimeSpan.FromMinutes(3));

        var expired = (await me.SessionsAsync("?status=expired")).Single()!;
        expired["id"]!.GetValue<string>().ShouldBe(idleId);
        expired["events"]!["expired"]!["at"].ShouldNotBeNull();
        (await me.SessionsAsync("?status=active")).Single()!["current"]!.GetValue<bool>().ShouldBeTrue();
        var terminate = await me.Client.PostJsonAsync(me.Path($"/sessions/{idleId}/terminate"), null);
        (await terminate.ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe("sessions.not_active");
        await (await idle.GetAsync("/public/v1/auth/context")).ExpectErrorAsync(HttpStatusCode.Unauthorized);
        (await me.SessionsAsync("?status=expired")).Single()!["id"]!.GetValue<string>().ShouldBe(idleId);
    }

    [Fact]
    public async Task BusySession_PastAbsoluteTimeout_ListsAsExpired_AndIsRefused()
    {
        var me = await Person.CreateAsync(server);
        var busyId = (await me.SessionsAsync("?current=true"))[0]!["id"]!.GetValue<string>();
        for (var i = 0; i < 6; i++)
        {
            server.Clock.Advance(TimeSpan.FromMinutes(9));
            await (await me.Client.GetAsync("/public/v1/auth/context")).ExpectAsync(HttpStatusCode.OK);
        }
        var watcher = await me.SignInAgainAsync();
        server.Clock.Advance(TimeSpan.FromMinutes(9));

        var expired = await (await watcher.GetAsync(me.Path("/sessions?status=expired"))).ExpectAsync(HttpStatusCode.OK);

        expired.AsArray().Single()!["id"]!.GetValue<string>().ShouldBe(busyId);
        await (await me.Client.GetAsync("/public/v1/auth/context")).ExpectErrorAsync(HttpStatusCode.Unauthorized);
    }
}
