using System.Net;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Api;

/// <summary>A second Roster node on the same database, as in a scale-out deployment.</summary>
public sealed class SecondNode(RosterServer first) : RosterServer
{
    protected override TestDatabase? SharedDatabase => first.Database;
}

public sealed class TwoNodesTests(RosterServer first) : IClassFixture<RosterServer>, IAsyncLifetime
{
    private SecondNode _second = null!;

    public async Task InitializeAsync()
    {
        _second = new SecondNode(first);
        await _second.InitializeAsync();
    }

    public Task DisposeAsync() => _second.DisposeAsync();

    [Fact]
    public async Task SessionEndedOnOneNode_IsRefusedByTheOther()
    {
        var onFirst = await first.SignedInClientAsync();
        var login = await first.CreateClient().PostJsonAsync("/public/v1/auth/login", new { email = RosterServer.AdminEmail, password = RosterServer.AdminPassword });
        var cookie = login.Headers.GetValues("Set-Cookie").Single().Split(';')[0];

        using var viaSecond = new HttpRequestMessage(HttpMethod.Get, new Uri(_second.BaseAddress, "/public/v1/auth/context"));
        viaSecond.Headers.Add("Cookie", cookie);
        (await new HttpClient().SendAsync(viaSecond)).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var logout = new HttpRequestMessage(HttpMethod.Post, new Uri(first.BaseAddress, "/public/v1/auth/logout"))
        {
            Content = new StringContent("", System.Text.Encoding.UTF8, "application/json"),
        };
        logout.Headers.Add("Cookie", cookie);
        (await new HttpClient().SendAsync(logout)).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var again = new HttpRequestMessage(HttpMethod.Get, new Uri(_second.BaseAddress, "/public/v1/auth/context"));
        again.Headers.Add("Cookie", cookie);
        await (await new HttpClient().SendAsync(again)).ExpectErrorAsync(HttpStatusCode.Unauthorized);
        await (await onFirst.GetAsync("/public/v1/auth/context")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TokenMadeOnOneNode_WorksOnTheOther_UntilDeactivatedThere()
    {
        var admin = await first.SignedInClientAsync();
        var header = await admin.CreateActiveTokenAsync();
        var onSecond = _second.WithApiKey(header);
        await (await onSecond.GetAsync("/public/v1/accounts")).ExpectAsync(HttpStatusCode.OK);

        await (await admin.PostJsonAsync($"/public/v1/auth/tokens/{header.Split(' ', ':')[1]}/deactivate", null)).ExpectAsync(HttpStatusCode.OK);

        await (await onSecond.GetAsync("/public/v1/accounts")).ExpectErrorAsync(HttpStatusCode.Unauthorized);
    }
}
