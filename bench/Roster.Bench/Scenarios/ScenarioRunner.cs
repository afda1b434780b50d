using System.Diagnostics;
using Roster.Bench.Load;
using Roster.Bench.Server;

namespace Roster.Bench.Scenarios;

/// <summary>Runs one HTTP scenario: a checked first request, then the timed load, with the server's memory watched.</summary>
public sealed class ScenarioRunner(HttpClient client, LoadGenerator load, RssMonitor rss, ServerProcess server, BenchOptions options, DatabaseCpu? database = null)
{
    /// <summary>Runs the load for the duration after a warm-up, measured as one.</summary>
    public Task<ScenarioResult> RunAsync(HttpScenario scenario, CancellationToken ct) => RunAsync(scenario, () => MeasureAsync(scenario, ct), ct);

    /// <summary>
    /// Runs the load in <paramref name="rounds"/> equal parts of the duration, with <paramref name="between"/> run
    /// before each part while no request is in flight, and measures the parts together: requests, latencies and the
    /// server's CPU within the parts only. A yardstick measured in those gaps sees the machine as the rounds do,
    /// however its speed drifts over minutes. Each part starts with no queue and drains before the next, so its first
    /// requests wait less than in a steady stream, and at its very end fewer requests than cores may be left to serve.
    /// The settling before it stands for the warm-up.
    /// </summary>
    public Task<ScenarioResult> RunInRoundsAsync(HttpScenario scenario, int rounds, Func<Task> between, CancellationToken ct) =>
        RunAsync(scenario, () => MeasureInRoundsAsync(scenario, rounds, between, ct), ct);

    private async Task<ScenarioResult> RunAsync(HttpScenario scenario, Func<Task<Measured>> measure, CancellationToken ct)
    {
        var details = new Dictionary<string, object>();
        var problems = new List<string>();
        using (var response = await client.SendAsync(scenario.Build(0), ct))
        {
            if (!HttpScenario.Succeeded(response.StatusCode))
                problems.Add($"first request answered {(int)response.StatusCode}: {Shorten(await response.Content.ReadAsStringAsync(ct))}");
            else
                scenario.Check?.Invoke(response, details, problems);
        }

        var settling = options.Smoke ? TimeSpan.Zero : await SettleAsync(scenario, ct);
        if (settling > TimeSpan.Zero) details["settling_s"] = Math.Round(settling.TotalSeconds, 1);

        rss.Restart();
        var (measured, cpu, databaseCpu) = await measure();
        var result = ScenarioResult.From(scenario.Name, scenario.Request, measured, rss.Restart()) with
        {
            ServerCpuMicrosPerRequest = measured.Requests > 0 ? cpu.TotalMicroseconds / measured.Requests : 0,
            DatabaseCpuMicrosPerRequest = measured.Requests > 0 ? databaseCpu.TotalMicroseconds / measured.Requests : 0,
            Target = scenario.Target.Describe(),
            Details = details,
            Problems = problems,
        };
        Console.WriteLine(
            $"  {result.Name,-22} {result.RequestsPerSecond,9:F1} req/s  p95 {result.P95Ms,8:F1} ms  errors {result.Errors,5}  RSS {result.RssPeakMb,5:F0} MB  server CPU {result.ServerCpuMicrosPerRequest,6:F0} µs/req" +
            (database is null ? "" : $"  database CPU {result.DatabaseCpuMicrosPerRequest,6:F0} µs/req") +
            (problems.Count > 0 ? $"  ! {string.Join("; ", problems)}" : ""));
        return result;
    }

    /// <summary>What a scenario's measured load did, and the server's and the database's CPU time over it.</summary>
    private sealed record Measured(LoadResult Load, TimeSpan Cpu, TimeSpan DatabaseCpu);

    private (TimeSpan Server, TimeSpan Database) CpuNow() => (server.CpuTime(), database?.CpuTime() ?? TimeSpan.Zero);

    private async Task<Measured> MeasureAsync(HttpScenario scenario, CancellationToken ct)
    {
        // The server's CPU is read when the warm-up ends and again when the load stops: the same window the
        // generator measures its requests in.
        var atStart = Task.Delay(options.Warmup, ct).ContinueWith(_ => CpuNow(), ct);
        var measured = await load.RunForAsync(scenario.Build, HttpScenario.Succeeded, scenario.Concurrency, options.Warmup, options.Duration, ct);
        var (serverAtStart, databaseAtStart) = await atStart;
        var (serverAtEnd, databaseAtEnd) = CpuNow();
        return new Measured(measured, serverAtEnd - serverAtStart, databaseAtEnd - databaseAtStart);
    }

    private async Task<Measured> MeasureInRoundsAsync(HttpScenario scenario, int rounds, Func<Task> between, CancellationToken ct)
    {
        var parts = new List<LoadResult>();
        TimeSpan cpu = TimeSpan.Zero, databaseCpu = TimeSpan.Zero;
        for (var round = 0; round < rounds; round++)
        {
            await between();
            var (serverAtStart, databaseAtStart) = CpuNow();
            parts.Add(await load.RunForAsync(scenario.Build, HttpScenario.Succeeded, scenario.Concurrency, TimeSpan.Zero, options.Duration / rounds, ct));
            var (serverAtEnd, databaseAtEnd) = CpuNow();
            cpu += serverAtEnd - serverAtStart;
            databaseCpu += databaseAtEnd - databaseAtStart;
        }
        return new Measured(LoadResult.Combine(parts), cpu, databaseCpu);
    }

    /// <summary>
    /// Runs the scenario's load, unmeasured, while the runtime is still recompiling what the scenario made hot. Code
    /// a scenario is the first to run (a sign-in's, for one) starts unoptimized and is recompiled on a thread of its
    /// own once it turns hot: inside a 2 s warm-up, that thread still took a quarter of the server's CPU during the
    /// sign-ins, which a server that has been running for a while never spends. Goes on while it used more than a
    /// fiftieth of a core in the last second, for up to a minute; the time it took is reported with the scenario. The
    /// smoke run, which checks that scenarios work rather than how fast, does without.
    /// </summary>
    private async Task<TimeSpan> SettleAsync(HttpScenario scenario, CancellationToken ct)
    {
        var started = Stopwatch.StartNew();
        while (started.Elapsed < MaxSettling)
        {
            var before = server.RecompilingCpuTime();
            await load.RunForAsync(scenario.Build, HttpScenario.Succeeded, scenario.Concurrency, TimeSpan.Zero, TimeSpan.FromSeconds(1), ct);
            if (server.RecompilingCpuTime() - before < TimeSpan.FromMilliseconds(20)) break;
        }
        return started.Elapsed;
    }

    private static readonly TimeSpan MaxSettling = TimeSpan.FromMinutes(1);

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "...";
}
