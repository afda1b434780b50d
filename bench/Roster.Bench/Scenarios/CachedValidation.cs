using System.Diagnostics;
using System.Net;
using System.Text;
using Roster.Bench.Load;
using Roster.Bench.Seeding;
using Roster.Bench.Server;

namespace Roster.Bench.Scenarios;

/// <summary>
/// Sessions:Validation=Cached (ADR 0017): the context scenarios again against a server in that mode, judged against
/// the strict run's baseline, and on PostgreSQL the revocation's propagation: a second Cached node on the same
/// database, sessions signed out through the API of the first while the second is under load, and the time from each
/// sign-out's answer to the second node's first refusal of that session. It starts after the strict server has
/// stopped, since on SQLite a Cached process must be alone on its database.
/// </summary>
public sealed class CachedValidation(BenchOptions options, SeededAccount seeded, string dll, IReadOnlyDictionary<string, string> settings, string workspace)
{
    /// <summary>What <c>--only</c> calls this phase.</summary>
    public const string Name = "cached";

    private const string ContextPath = "/public/v1/auth/context";

    /// <summary>The bound ADR 0017 gives, and the two-node tests hold to.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    public async Task<List<(Target Target, ScenarioResult Result)>> RunAsync(CancellationToken ct)
    {
        var cachedSettings = new Dictionary<string, string>(settings) { ["Sessions:Validation"] = "Cached" };
        var runs = new List<(Target Target, ScenarioResult Result)>();
        await using var node = await ServerProcess.StartAsync(dll, cachedSettings, Path.Combine(workspace, "server-cached.log"), ct);
        using var client = ScenarioSequence.LoadClient(node.BaseAddress, Math.Max(options.Concurrency, 2) * 2);
        await using (var rss = new RssMonitor(node))
        {
            var credentials = await Credentials.ObtainAsync(client, seeded, ct);
            var catalog = new ScenarioCatalog(node.BaseAddress, seeded, credentials, options);
            var runner = new ScenarioRunner(client, new LoadGenerator(client), rss, node, options, await DatabaseCpu.FindAsync(options.Postgres, ct));
            foreach (var scenario in catalog.Reads().Take(2))
            {
                var cached = scenario with
                {
                    Name = scenario.Name.Replace(")", ", cached)", StringComparison.Ordinal),
                    Request = scenario.Request + ", Sessions:Validation=Cached",
                };
                runs.Add((cached.Target, await runner.RunAsync(cached, ct)));
            }
        }
        if (options.Postgres is not null)
        {
            await using var other = await ServerProcess.StartAsync(dll, cachedSettings, Path.Combine(workspace, "server-cached-2.log"), ct);
            runs.Add((new Target(TargetKind.P99AtMostMilliseconds, Bound.TotalMilliseconds), await PropagationAsync(client, node, other, ct)));
        }
        return runs;
    }

    private async Task<ScenarioResult> PropagationAsync(HttpClient client, ServerProcess first, ServerProcess second, CancellationToken ct)
    {
        var cookies = seeded.SessionSecrets.Select(secret => $"{Credentials.CookieName}={secret}").ToList();
        var rounds = Math.Min(options.Smoke ? 5 : 200, cookies.Count - 1);
        var problems = new List<string>();
        var delays = new List<double>();
        var secondContext = new Uri(second.BaseAddress, ContextPath);

        // The second node busy with other sessions' checks the whole time, as a node in service would be.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var busy = Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(async () =>
        {
            for (var n = 0L; !stop.IsCancellationRequested; n++)
            {
                try
                {
                    (await client.SendAsync(Get(secondContext, cookies[^(1 + (int)(n % 4))]), stop.Token)).Dispose();
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                }
            }
        })).ToList();

        var started = Stopwatch.StartNew();
        for (var round = 0; round < rounds && problems.Count == 0; round++)
        {
            var cookie = cookies[round];
            for (var i = 0; i < 2; i++)
            {
                using var warm = await client.SendAsync(Get(secondContext, cookie), ct);
                if (warm.StatusCode != HttpStatusCode.OK) problems.Add($"round {round}: the session was not let in on node 2 ({(int)warm.StatusCode})");
            }
            using (var logout = new HttpRequestMessage(HttpMethod.Post, new Uri(first.BaseAddress, "/public/v1/auth/logout"))
            {
                Content = new StringContent("", Encoding.UTF8, "application/json"),
            })
            {
                logout.Headers.Add("Cookie", cookie);
                using var ended = await client.SendAsync(logout, ct);
                if (ended.StatusCode != HttpStatusCode.OK) problems.Add($"round {round}: sign-out on node 1 answered {(int)ended.StatusCode}");
            }
            var since = Stopwatch.StartNew();
            while (true)
            {
                using var response = await client.SendAsync(Get(secondContext, cookie), ct);
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    delays.Add(since.Elapsed.TotalMilliseconds);
                    break;
                }
                if (since.Elapsed > Bound)
                {
                    problems.Add($"round {round}: node 2 still let the signed-out session in after {Bound.TotalSeconds} s");
                    break;
                }
            }
        }
        await stop.CancelAsync();
        await Task.WhenAll(busy);

        delays.Sort();
        var result = new ScenarioResult
        {
            Name = "revocation propagation",
            Request = $"POST /auth/logout on node 1, then GET {ContextPath} on node 2 until 401; {rounds} sessions, node 2 under {options.Concurrency} connections",
            Concurrency = options.Concurrency,
            Seconds = started.Elapsed.TotalSeconds,
            Requests = delays.Count,
            P50Ms = Percentile(delays, 0.50),
            P95Ms = Percentile(delays, 0.95),
            P99Ms = Percentile(delays, 0.99),
            MaxMs = delays.Count == 0 ? 0 : delays[^1],
            Problems = problems,
        };
        Console.WriteLine($"  {result.Name,-22} p50 {result.P50Ms,8:F1} ms  p99 {result.P99Ms,8:F1} ms  max {result.MaxMs,8:F1} ms over {delays.Count} sign-outs" +
                          (problems.Count > 0 ? $"  ! {string.Join("; ", problems)}" : ""));
        return result;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static HttpRequestMessage Get(Uri uri, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.TryAddWithoutValidation("Cookie", cookie);
        return request;
    }
}
