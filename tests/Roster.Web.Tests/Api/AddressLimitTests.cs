using System.Net;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Api;

/// <summary>A node that allows ten sign-in attempts per address and minute.</summary>
public sealed class TenAttemptsNode : RosterServer
{
    public const int Limit = 10;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("Security:SignInsPerMinutePerAddress", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture))];
}

/// <summary>A second node with the same limit on the same database.</summary>
public sealed class SecondTenAttemptsNode(TenAttemptsNode first) : RosterServer
{
    protected override TestDatabase? SharedDatabase => first.Database;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("Security:SignInsPerMinutePerAddress", TenAttemptsNode.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture))];
}

/// <summary>The sign-in limit per address holds for the deployment, not per node.</summary>
public sealed class AddressLimitTests(TenAttemptsNode first) : IClassFixture<TenAttemptsNode>, IAsyncLifetime
{
    private SecondTenAttemptsNode _second = null!;

    public async Task InitializeAsync()
    {
        _second = new SecondTenAttemptsNode(first);
        await _second.InitializeAsync();
        // The nodes share one clock's time, and each test starts in a window of its own.
        first.Clock.Advance(TimeSpan.FromMinutes(5));
        _second.Clock.Advance(first.Clock.GetUtcNow() - _second.Clock.GetUtcNow());
    }

    public Task DisposeAsync() => _second.DisposeAsync();

    private static Task<HttpResponseMessage> GuessAsync(RosterServer node, int i) =>
        node.CreateClient().PostJsonAsync("/public/v1/auth/login", new { email = $"probe{i}@x.test", password = "a wrong password" });

    [Fact]
    public async Task SignInsFromOneAddress_SpreadOverTwoNodes_AreLimitedOnceForBoth_AndAllowedAgainInTheNextMinute()
    {
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 3 * TenAttemptsNode.Limit; i++)
            answers.Add((await GuessAsync(i % 2 == 0 ? first : _second, i)).StatusCode);

        answers.Count(a => a != HttpStatusCode.TooManyRequests).ShouldBe(TenAttemptsNode.Limit, string.Join(", ", answers));
        answers.Skip(TenAttemptsNode.Limit).ShouldAllBe(a => a == HttpStatusCode.TooManyRequests);

        first.Clock.Advance(TimeSpan.FromMinutes(1));
        _second.Clock.Advance(TimeSpan.FromMinutes(1));
        (await GuessAsync(_second, 0)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await GuessAsync(first, 1)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SignInsFromOneAddress_SentAtOnceToTwoNodes_NeverPassTheLimit()
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sent = Enumerable.Range(0, 3 * TenAttemptsNode.Limit).Select(async i =>
        {
            await start.Task;
            return (await GuessAsync(i % 2 == 0 ? first : _second, i)).StatusCode;
        }).ToArray();
        start.SetResult();
        var answers = await Task.WhenAll(sent);

        answers.Count(a => a != HttpStatusCode.TooManyRequests).ShouldBe(TenAttemptsNode.Limit, string.Join(", ", answers));
    }
}
