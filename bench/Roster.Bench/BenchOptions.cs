using System.Globalization;
using Roster.Bench.Scenarios;

namespace Roster.Bench;

/// <summary>The command line. <c>--smoke</c> changes the defaults of the sizes; an explicit option still wins.</summary>
public sealed record BenchOptions
{
    public int Members { get; init; } = 100_000;
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(2);
    public int Concurrency { get; init; } = 16;
    public int LatencyConcurrency { get; init; } = Environment.ProcessorCount;
    public int Sessions { get; init; } = 10_000;
    public int Invitations { get; init; } = 10_000;
    public int AuditEntries { get; init; } = 1_000_000;
    public string? Postgres { get; init; }
    public string? Out { get; init; }
    public string? ServerDll { get; init; }
    public bool Smoke { get; init; }
    /// <summary>When set, only the baseline and the read scenarios of these names run, and the sign-ins and invitations if named (a quick loop while working).</summary>
    public IReadOnlySet<string>? Only { get; init; }

    public string Provider => Postgres is null ? "sqlite" : "postgres";

    public const string Usage = """
        Usage: scripts/bench [options]
          --members N               members of the one seeded account (default 100000)
          --duration SECONDS        measured time per scenario (default 10)
          --warmup SECONDS          unmeasured time before each scenario, after it has run until the server
                                    stopped recompiling (default 2)
          --concurrency N           connections for the throughput scenarios (default 16)
          --latency-concurrency N   connections for the latency scenarios (default: the number of cores)
          --sessions N              live sessions seeded for the memory scenario (default 10000)
          --invitations N           invitations sent through the API (default 10000)
          --audit-entries N         entries in the seeded account's audit trail (default 1000000; 10000000 for the
                                    recorded audit figures)
          --postgres CONNECTION     run on PostgreSQL: a throwaway database is created on that server and dropped
          --out PATH                the JSON report (default bench/results/<UTC time>.json)
          --server PATH             Roster.Web.dll to run (default src/Roster.Web/bin/Release/net10.0/Roster.Web.dll)
          --only NAME[;NAME...]     run only the baseline and these read scenarios, e.g. 'users (load)',
                                    'sign-in' for both sign-in scenarios with the hash rate measured between
                                    their rounds, 'invitations' (last), and 'cached' for the context
                                    scenarios in Cached mode and, on PostgreSQL, the revocation's
                                    propagation (after the rest); no export scenarios
          --smoke                   tiny sizes, short scenarios and a cheap password hash; fails on any error,
                                    ignores the targets
        """;

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var smoke = args.Contains("--smoke");
        var options = smoke
            ? new BenchOptions
            {
                Smoke = true, Members = 300, Duration = TimeSpan.FromSeconds(0.5), Warmup = TimeSpan.FromSeconds(0.2),
                Concurrency = 4, Sessions = 100, Invitations = 20, AuditEntries = 3000,
            }
            : new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--smoke") continue;
            var value = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            options = name switch
            {
                "--members" => options with { Members = Count(name, value, minimum: 2) },
                "--duration" => options with { Duration = Seconds(name, value) },
                "--warmup" => options with { Warmup = Seconds(name, value) },
                "--concurrency" => options with { Concurrency = Count(name, value, minimum: 1) },
                "--latency-concurrency" => options with { LatencyConcurrency = Count(name, value, minimum: 1) },
                "--sessions" => options with { Sessions = Count(name, value, minimum: 1) },
                "--invitations" => options with { Invitations = Count(name, value, minimum: 1) },
                "--audit-entries" => options with { AuditEntries = Count(name, value, minimum: 0) },
                "--postgres" => options with { Postgres = value },
                "--out" => options with { Out = value },
                "--server" => options with { ServerDll = value },
                "--only" => options with { Only = ScenarioNames(value) },
                _ => throw new ArgumentException($"Unknown option {name}."),
            };
        }
        if (options is { AuditEntries: 0, Only: { } only } && only.Intersect(ScenarioCatalog.AuditNames()).Any())
            throw new ArgumentException("--only names an audit scenario, which needs a seeded trail: give --audit-entries more than 0.");
        return options;
    }

    /// <summary>The names given to <c>--only</c>, each one a scenario's, so that a typo stops the run before the seeding rather than after it.</summary>
    private static HashSet<string> ScenarioNames(string value)
    {
        var names = value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        var unknown = names.Except(ScenarioSequence.OnlyNames).Select(name => $"'{name}'").ToList();
        if (names.Count > 0 && unknown.Count == 0) return names;
        var problem = unknown.Count == 0 ? "--only needs at least one scenario name" : $"--only knows no scenario {string.Join(", ", unknown)}";
        throw new ArgumentException(
            $"{problem}. Known names, separated by ';' (the baseline always runs): {string.Join("; ", ScenarioSequence.OnlyNames)}. " +
            "For example: --only 'users;users (load)'.");
    }

    private static int Count(string name, string value, int minimum) =>
        int.TryParse(value.Replace("_", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= minimum
            ? n
            : throw new ArgumentException($"{name} must be a whole number of at least {minimum}, not '{value}'.");

    private static TimeSpan Seconds(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s >= 0 && s <= 3600
            ? TimeSpan.FromSeconds(s)
            : throw new ArgumentException($"{name} must be a number of seconds between 0 and 3600, not '{value}'.");
}
