using System.Net;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Api;

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
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("roster_session=", StringComparison.Ordinal)).Split(';')[0];

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

    [Fact]
    public async Task LeavingAnAccountOnOneNode_EndsAccessThroughEverySessionOnTheOther()
    {
        var owner = await Roster.Web.Tests.Profile.Person.CreateAsync(first, "Nora Node");
        var accountId = await owner.CreateAccountAsync($"Nodes {Guid.NewGuid():N}"[..16]);
        var groups = await (await owner.Client.GetAsync($"/public/v1/accounts/{accountId}/groups")).ExpectAsync(HttpStatusCode.OK);
        var member = await Roster.Web.Tests.Profile.Person.CreateAsync(first, "Milo Member");
        await (await owner.Client.PostJsonAsync($"/public/v1/accounts/{accountId}/users",
            new { name = member.Name, email = member.Email, groups = new[] { new { id = groups[0]!["id"]!.GetValue<string>() } } })).ExpectAsync(HttpStatusCode.Created);
        var onSecond = await Roster.Web.Tests.Profile.Person.SignInAsync(_second, member.Email, Roster.Web.Tests.Profile.Person.Firefox);
        await (await onSecond.GetAsync($"/public/v1/accounts/{accountId}/users")).ExpectAsync(HttpStatusCode.OK);

        (await member.Client.DeleteAsync(member.Path($"/accounts/{accountId}"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await (await onSecond.GetAsync($"/public/v1/accounts/{accountId}/users")).ExpectErrorAsync(HttpStatusCode.NotFound);
        await (await onSecond.GetAsync($"/public/v1/accounts/{accountId}")).ExpectErrorAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GuessBurstsOverBothNodes_CheckNoMoreWrongPasswordsThanTheLockoutLimit()
    {
        using var verifications = new PasswordVerifications(first.Services, _second.Services);
        for (var burst = 0; burst < 5; burst++)
        {
            var email = $"burst-{Guid.NewGuid():N}@frontstreet.test";
            await UsersOnServer.CreateAsync(first, email);
            verifications.Reset();
            var clients = Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? first : _second).CreateClient()).ToArray();
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            // Nineteen wrong guesses and the right password, all sent at once, half to each node.
            var sent = clients.Select(async (client, i) =>
            {
                await start.Task;
                return await client.PostJsonAsync("/public/v1/auth/login", new { email, password = i == 13 ? UsersOnServer.Password : $"wrong guess {i}" });
            }).ToArray();
            start.SetResult();
            var answers = await Task.WhenAll(sent);

            answers.ShouldAllBe(a => a.StatusCode == HttpStatusCode.Created || a.StatusCode == HttpStatusCode.Unauthorized);
            verifications.RealFailed.ShouldBeLessThanOrEqualTo(5, $"burst {burst}: {verifications}");
            // Only the right password may be checked on top of the limit, and every answer paid for one hash.
            verifications.Real.ShouldBeLessThanOrEqualTo(6, $"burst {burst}: {verifications}");
            verifications.Total.ShouldBe(20, $"burst {burst}: {verifications}");
        }
    }
}
