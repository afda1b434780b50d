using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roster.Bench.Load;
using Roster.Bench.Seeding;
using Roster.Bench.Server;
using Roster.Data;
using Roster.Users;

namespace Roster.Bench.Scenarios;

/// <summary>What a sequence measured: the yardsticks and every scenario judged against its target.</summary>
public sealed record SequenceOutcome(
    double BaselineRequestsPerSecond, double HashesPerSecond, IReadOnlyList<double> HashRates, IReadOnlyList<ScenarioResult> Results);

/// <summary>
/// Every scenario in order against the running server: the baseline first, the reads, the export, the audit trail's reads and export, the sessions, the sign-ins
/// between two in-process hash-rate measurements, the invitations last (they add members), then the memory verdict.
/// </summary>
public sealed class ScenarioSequence(BenchOptions options, IServiceProvider roster, SeededAccount seeded, SmtpSink sink)
{
    public async Task<SequenceOutcome> RunAsync(ServerProcess server, CancellationToken ct)
    {
        await using var rss = new RssMonitor(server);
        using var client = LoadClient(server.BaseAddress, Math.Max(Math.Max(options.Concurrency, options.LatencyConcurrency), ScenarioCatalog.SignInLoadConcurrency));
        var load = new LoadGenerator(client);
        var credentials = await Credentials.ObtainAsync(client, seeded, ct);
        var catalog = new ScenarioCatalog(server.BaseAddress, seeded, credentials, options);
        var database = await DatabaseCpu.FindAsync(options.Postgres, ct);
        var runner = new ScenarioRunner(client, load, rss, server, options, database);
        var runs = new List<(Target Target, ScenarioResult Result)>();
        async Task RunAsync(HttpScenario scenario) => runs.Add((scenario.Target, await runner.RunAsync(scenario, ct)));

        await RunAsync(catalog.Baseline);
        if (options.Only is { } only)
        {
            foreach (var scenario in catalog.Reads().Concat(catalog.AuditReads()).Where(s => only.Contains(s.Name))) await RunAsync(scenario);
            var (onlyRate, onlyRates) = only.Contains(SignInsName) ? await SignInsAsync(catalog, runs, RunAsync, ct) : (0, []);
            return Judged(runs, new Yardsticks(runs[0].Result.RequestsPerSecond, onlyRate), onlyRate, onlyRates);
        }
        foreach (var scenario in catalog.Reads()) await RunAsync(scenario);
        // Before the invitations add members, so the export's rows can be checked against the seed.
        runs.Add((new Target(TargetKind.RssAtMostMegabytes, 300), await new ExportScenario(client, rss).RunAsync(
            server.BaseAddress, seeded.AccountId, credentials.ApiKey, seeded.Members, ct)));
        foreach (var scenario in catalog.AuditReads()) await RunAsync(scenario);
        if (seeded.Audit.Entries > 0)
            runs.Add((new Target(TargetKind.RssGrowthAtMostMegabytes, 50), await new AuditExportScenario(client, rss).RunAsync(
                server.BaseAddress, seeded.AccountId, credentials.ApiKey, seeded.Audit, ct)));
        await RunAsync(catalog.SpreadSessions);
        var (hashRate, hashRates) = await SignInsAsync(catalog, runs, RunAsync, ct);
        var invitations = new InvitationScenario(load, rss, sink, UnsentMailAsync);
        runs.Add((InvitationScenario.Target, await invitations.RunAsync(
            server.BaseAddress, seeded.AccountId, credentials.ApiKey, seeded.GroupIds[SeedGroups.Support],
            options.Invitations, options.Concurrency, ct)));
        runs.Add((new Target(TargetKind.RssAtMostMegabytes, 300), new ScenarioResult
        {
            Name = "memory (whole run)",
            Request = "peak server RSS over every scenario",
            RssPeakMb = rss.RunPeakBytes / 1024.0 / 1024.0,
        }));

        return Judged(runs, new Yardsticks(runs[0].Result.RequestsPerSecond, hashRate), hashRate, hashRates);
    }

    /// <summary>What <c>--only</c> calls the two sign-in scenarios with the hash-rate measurements around them.</summary>
    public const string SignInsName = "sign-in";

    /// <summary>The two sign-in scenarios, and the hash rate they are judged against: its median and each measurement.</summary>
    private async Task<(double Median, IReadOnlyList<double> Rates)> SignInsAsync(
        ScenarioCatalog catalog, List<(Target Target, ScenarioResult Result)> runs, Func<HttpScenario, Task> run, CancellationToken ct)
    {
        // Measured before, between and after the sign-ins, so a neighbour's load on the machine weighs on both alike;
        // the median is the yardstick, and the spread says how far one measurement can be trusted.
        var hashes = new List<(double PerSecond, double CpuMicros)> { await MeasureHashRateAsync(ct) };
        await run(catalog.SignIn);
        var signIns = runs.Count - 1;
        hashes.Add(await MeasureHashRateAsync(ct));
        await run(catalog.SignInUnderLoad);
        hashes.Add(await MeasureHashRateAsync(ct));
        var hashRates = hashes.Select(h => h.PerSecond).ToList();
        var hashRate = HashRate.Median(hashRates);
        var hashCpu = HashRate.Median(hashes.Select(h => h.CpuMicros).ToList());
        Console.WriteLine($"  {"password hashing",-22} median {hashRate:F1}/s of {hashRates.Count}, spread {HashRate.Spread(hashRates):P0}; " +
                          $"{hashCpu / 1000:F1} ms CPU each");
        // What a sign-in spends beside the hash, from CPU times, which a neighbour's load moves far less than rates.
        for (var i = signIns; i < signIns + 2; i++)
            runs[i] = (runs[i].Target, runs[i].Result with
            {
                Details = new Dictionary<string, object>(runs[i].Result.Details)
                {
                    ["hash_cpu_us"] = Math.Round(hashCpu),
                    ["hash_share_of_cpu"] = Math.Round(hashCpu / Math.Max(1, runs[i].Result.ServerCpuMicrosPerRequest), 3),
                },
            });
        return (hashRate, hashRates);
    }

    private static SequenceOutcome Judged(
        List<(Target Target, ScenarioResult Result)> runs, Yardsticks yardsticks, double hashRate, IReadOnlyList<double> hashRates)
    {
        var results = runs.Select(run =>
        {
            var (met, observed) = run.Target.Judge(run.Result, yardsticks);
            return run.Result with { Target = run.Target.Describe(), Met = met, Observed = observed };
        }).ToList();
        return new SequenceOutcome(yardsticks.BaselineRequestsPerSecond, hashRate, hashRates, results);
    }

    private async Task<(double PerSecond, double CpuMicros)> MeasureHashRateAsync(CancellationToken ct)
    {
        var hasher = roster.GetRequiredService<IPasswordHasher<User>>();
        var duration = options.Duration > TimeSpan.FromSeconds(1) ? options.Duration : TimeSpan.FromSeconds(1);
        var (rate, cpu) = await HashRate.MeasureAsync(hasher, options.LatencyConcurrency, duration, ct);
        Console.WriteLine($"  {"password hashing",-22} {rate,9:F1} verifications/s in process, {options.LatencyConcurrency} in parallel, {cpu / 1000:F1} ms CPU each");
        return (rate, cpu);
    }

    private async Task<int> UnsentMailAsync(CancellationToken ct)
    {
        await using var scope = roster.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RosterDbContext>().Outbox.CountAsync(m => m.SentAt == null, ct);
    }

    /// <summary>The harness's client: no cookies or redirects of its own, as many connections as the load has.</summary>
    internal static HttpClient LoadClient(Uri server, int connections) => new(new SocketsHttpHandler
    {
        UseCookies = false,
        AllowAutoRedirect = false,
        MaxConnectionsPerServer = connections,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
    })
    {
        BaseAddress = server,
        Timeout = TimeSpan.FromSeconds(60),
    };
}
