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
/// with in-process hash-rate measurements between their rounds, the invitations last (they add members), then the memory verdict.
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
        var ownHashRates = new Dictionary<string, double>();
        async Task RunAsync(HttpScenario scenario) => runs.Add((scenario.Target, await runner.RunAsync(scenario, ct)));
        async Task InviteAsync() => runs.Add((InvitationScenario.Target, await new InvitationScenario(load, rss, sink, UnsentMailAsync).RunAsync(
            server.BaseAddress, seeded.AccountId, credentials.ApiKey, seeded.GroupIds[SeedGroups.Support], options.Invitations, options.Concurrency, ct)));

        await RunAsync(catalog.Baseline);
        if (options.Only is { } only)
        {
            foreach (var scenario in catalog.Reads().Concat(catalog.AuditReads()).Where(s => only.Contains(s.Name))) await RunAsync(scenario);
            var (onlyRate, onlyRates) = only.Contains(SignInsName) ? await SignInsAsync(catalog, runner, runs, ownHashRates, ct) : (0, []);
            if (only.Contains(InvitationsName)) await InviteAsync();
            return Judged(runs, new Yardsticks(runs[0].Result.RequestsPerSecond, onlyRate), ownHashRates, onlyRate, onlyRates);
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
        var (hashRate, hashRates) = await SignInsAsync(catalog, runner, runs, ownHashRates, ct);
        await InviteAsync();
        runs.Add((new Target(TargetKind.RssAtMostMegabytes, 300), new ScenarioResult
        {
            Name = "memory (whole run)",
            Request = "peak server RSS over every scenario",
            RssPeakMb = rss.RunPeakBytes / 1024.0 / 1024.0,
        }));

        return Judged(runs, new Yardsticks(runs[0].Result.RequestsPerSecond, hashRate), ownHashRates, hashRate, hashRates);
    }

    /// <summary>What <c>--only</c> calls the two sign-in scenarios with the hash-rate measurements between their rounds.</summary>
    public const string SignInsName = "sign-in";

    /// <summary>What <c>--only</c> calls the invitations and their mail, which run after everything else it names.</summary>
    public const string InvitationsName = InvitationScenario.Name;

    /// <summary>Every name <c>--only</c> accepts.</summary>
    public static IReadOnlyList<string> OnlyNames { get; } =
        [.. ScenarioCatalog.ReadNames(), .. ScenarioCatalog.AuditNames(), SignInsName, InvitationsName, CachedValidation.Name];

    /// <summary>How many parts each sign-in scenario's measured time is cut into, the hash rate measured before each and after the last.</summary>
    private const int SignInRounds = 4;

    /// <summary>
    /// The two sign-in scenarios, each judged against the hash rate measured between its own rounds (kept in
    /// <paramref name="ownHashRates"/>); returned, every measurement and their median, which the report prints.
    /// </summary>
    private async Task<(double Median, IReadOnlyList<double> Rates)> SignInsAsync(
        ScenarioCatalog catalog, ScenarioRunner runner, List<(Target Target, ScenarioResult Result)> runs,
        Dictionary<string, double> ownHashRates, CancellationToken ct)
    {
        // The machine's speed drifts within minutes: one verification's CPU time moved by up to two fifths in a run,
        // so a yardstick measured before or after a scenario judged it by another machine. Measured between the
        // scenario's rounds, it sees what the sign-ins saw. The smoke run's two rounds keep this path checked by the
        // test suite at little cost.
        var rounds = options.Smoke ? 2 : SignInRounds;
        var slice = TimeSpan.FromTicks(Math.Max(options.Duration.Ticks / rounds, TimeSpan.TicksPerSecond));
        var all = new List<double>();
        foreach (var scenario in new[] { catalog.SignIn, catalog.SignInUnderLoad })
        {
            var hashes = new List<(double PerSecond, double CpuMicros)>();
            var result = await runner.RunInRoundsAsync(scenario, rounds, async () => hashes.Add(await MeasureHashRateAsync(slice, ct)), ct);
            hashes.Add(await MeasureHashRateAsync(slice, ct));
            var rates = hashes.Select(h => h.PerSecond).ToList();
            var hashRate = HashRate.AcrossRounds(rates);
            var hashCpu = HashRate.AcrossRounds(hashes.Select(h => h.CpuMicros).ToList());
            Console.WriteLine($"  {"password hashing",-22} {hashRate:F1}/s across the rounds of {scenario.Name} ({rates.Count} measurements), " +
                              $"spread {HashRate.Spread(rates):P0}; {hashCpu / 1000:F1} ms CPU each");
            ownHashRates[scenario.Name] = hashRate;
            all.AddRange(rates);
            // What a sign-in spends beside the hash, from CPU times measured over the same minutes.
            runs.Add((scenario.Target, result with
            {
                Details = new Dictionary<string, object>(result.Details)
                {
                    ["rounds"] = rounds,
                    ["hash_rate"] = Math.Round(hashRate, 2),
                    ["hash_rates"] = rates.Select(r => Math.Round(r, 2)).ToList(),
                    ["hash_spread"] = Math.Round(HashRate.Spread(rates), 3),
                    ["hash_cpu_us"] = Math.Round(hashCpu),
                    ["hash_share_of_cpu"] = Math.Round(hashCpu / Math.Max(1, result.ServerCpuMicrosPerRequest), 3),
                },
            }));
        }
        return (HashRate.Median(all), all);
    }

    /// <summary>Every run against its target: the sign-ins against their own hash rate, the rest against the run's yardsticks.</summary>
    private static SequenceOutcome Judged(
        List<(Target Target, ScenarioResult Result)> runs, Yardsticks yardsticks, Dictionary<string, double> ownHashRates,
        double hashRate, IReadOnlyList<double> hashRates)
    {
        var results = runs.Select(run =>
        {
            var own = ownHashRates.TryGetValue(run.Result.Name, out var rate) ? yardsticks with { HashesPerSecond = rate } : yardsticks;
            var (met, observed) = run.Target.Judge(run.Result, own);
            return run.Result with { Target = run.Target.Describe(), Met = met, Observed = observed };
        }).ToList();
        return new SequenceOutcome(yardsticks.BaselineRequestsPerSecond, hashRate, hashRates, results);
    }

    private async Task<(double PerSecond, double CpuMicros)> MeasureHashRateAsync(TimeSpan duration, CancellationToken ct)
    {
        var hasher = roster.GetRequiredService<IPasswordHasher<User>>();
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
