using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Roster.Bench.Report;
using Roster.Bench.Scenarios;
using Roster.Bench.Seeding;
using Roster.Bench.Server;

namespace Roster.Bench;

/// <summary>
/// One benchmark run: seed a fresh database, start Roster beside an SMTP sink, drive every scenario, report.
/// Everything it starts (the server, the sink, the database, the temporary folder) is gone when it returns.
/// </summary>
public static class BenchRun
{
    public static async Task<int> RunAsync(BenchOptions options, CancellationToken ct)
    {
        var repository = RepositoryRoot();
        var dll = Path.GetFullPath(options.ServerDll ?? Path.Combine(repository, "src/Roster.Web/bin/Release/net10.0/Roster.Web.dll"));
        var output = Path.GetFullPath(options.Out ?? Path.Combine(
            repository, "bench/results", DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + ".json"));
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var started = DateTimeOffset.UtcNow;
        var workspace = Directory.CreateTempSubdirectory("roster-bench-");
        try
        {
            await using var postgres = options.Postgres is null ? null : await PostgresDatabase.CreateAsync(options.Postgres, ct);
            await using var sink = new SmtpSink();
            var settings = Settings(workspace.FullName, postgres?.ConnectionString, sink.Port, options.Smoke);
            await using var roster = RosterServices(settings);

            Console.WriteLine($"Seeding {options.Members:N0} members, {options.Sessions:N0} sessions and {options.AuditEntries:N0} audit entries on {options.Provider}...");
            var seeded = await Seeder.SeedAsync(roster, options.Members, options.Sessions, options.AuditEntries, ct);
            Console.WriteLine($"Seeded in {seeded.SeedTime.TotalSeconds:F1} s, ANALYZE {seeded.AnalyzeTime.TotalSeconds:F1} s: " +
                              $"{seeded.Active:N0} active, {seeded.Invited:N0} invited, {seeded.Expired:N0} expired, " +
                              $"{seeded.SupportMembers:N0} in {SeedGroups.Support}.");

            var report = await MeasureAsync(options, started, dll, workspace.FullName, output, settings, roster, seeded, sink, ct);
            await report.WriteAsync(output, ct);
            Console.WriteLine();
            Console.Write(ResultsTable.Render(report));
            Console.WriteLine();
            Console.WriteLine($"Results: {output}");
            return Verdict(report, options);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            workspace.Delete(recursive: true);
        }
    }

    private static async Task<BenchReport> MeasureAsync(
        BenchOptions options, DateTimeOffset started, string dll, string workspace, string output,
        IReadOnlyDictionary<string, string> settings, IServiceProvider roster, SeededAccount seeded, SmtpSink sink, CancellationToken ct)
    {
        var log = Path.Combine(workspace, "server.log");
        SequenceOutcome outcome;
        await using (var server = await ServerProcess.StartAsync(dll, settings, log, ct))
        {
            Console.WriteLine($"Roster is up at {server.BaseAddress} (pid {server.Id}); " +
                              $"{options.Duration.TotalSeconds:F1} s per scenario after {options.Warmup.TotalSeconds:F1} s warm-up.");
            try
            {
                outcome = await new ScenarioSequence(options, roster, seeded, sink).RunAsync(server, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Console.Error.WriteLine($"The run failed; the server's log ends with:{Environment.NewLine}{server.LogTail(40)}");
                throw;
            }
        }
        File.Copy(log, Path.ChangeExtension(output, ".server.log"), overwrite: true);
        List<ScenarioResult> cached = options.Only is { } only && !only.Contains(CachedValidation.Name) ? [] : await CachedAsync(options, outcome, seeded, dll, settings, workspace, ct);
        return new BenchReport(
            started, MachineInfo.Describe(options.Provider, options.Members), RunSettings.Of(options, ScenarioCatalog.BaselinePath),
            new SeedingReport(seeded.Members, seeded.Active, seeded.Invited, seeded.Expired, seeded.SupportMembers,
                seeded.SearchMatches, seeded.SessionSecrets.Count, seeded.Audit.Entries, seeded.SeedTime.TotalSeconds, seeded.AnalyzeTime.TotalSeconds),
            outcome.BaselineRequestsPerSecond, outcome.HashesPerSecond, outcome.HashRates, [.. outcome.Results, .. cached]);
    }

    /// <summary>The Cached mode's phase, judged against the strict run's yardsticks.</summary>
    private static async Task<List<ScenarioResult>> CachedAsync(
        BenchOptions options, SequenceOutcome outcome, SeededAccount seeded, string dll, IReadOnlyDictionary<string, string> settings,
        string workspace, CancellationToken ct)
    {
        // After the strict server has stopped: on SQLite a Cached server must be the only one on its database.
        Console.WriteLine("Sessions:Validation=Cached:");
        var yardsticks = new Yardsticks(outcome.BaselineRequestsPerSecond, outcome.HashesPerSecond);
        return [.. (await new CachedValidation(options, seeded, dll, settings, workspace).RunAsync(ct)).Select(run =>
        {
            var (met, observed) = run.Target.Judge(run.Result, yardsticks);
            return run.Result with { Target = run.Target.Describe(), Met = met, Observed = observed };
        })];
    }

    /// <summary>Errors and correctness problems fail every run; missed targets are reported, and fail nothing.</summary>
    private static int Verdict(BenchReport report, BenchOptions options)
    {
        var failures = report.Failures().ToList();
        foreach (var failure in failures)
            Console.Error.WriteLine($"FAILED {failure.Name}: {failure.Errors} errors {Errors(failure)}{string.Join("; ", failure.Problems)}");
        if (!options.Smoke)
            foreach (var missed in report.Missed()) Console.WriteLine($"Missed target: {missed.Name}: {missed.Target}, observed {missed.Observed}.");
        return failures.Count == 0 ? 0 : 1;
    }

    private static string Errors(ScenarioResult result) =>
        result.ErrorsByKind.Count == 0 ? "" : $"({string.Join(", ", result.ErrorsByKind.Select(e => $"{e.Key}: {e.Value}"))}) ";

    /// <summary>
    /// The settings given to both the seeder and the server, so they share the database and the hasher's cost. A smoke
    /// run checks that every scenario works, not how fast, so it hashes with 1,000 iterations instead of Roster's
    /// default: at the real cost, the sign-ins, queued behind the hashing at 32 connections, took about a third of its
    /// time.
    /// </summary>
    private static Dictionary<string, string> Settings(string workspace, string? postgres, int smtpPort, bool smoke)
    {
        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = postgres is null ? "sqlite" : "postgres",
            ["Database:DataDirectory"] = Path.Combine(workspace, "data"),
            // Sign-ins come from one address, and the sign-in scenario is meant to measure hashing, not the limiter.
            ["Security:SignInsPerMinutePerAddress"] = "100000000",
            ["Security:LockoutAttempts"] = "1000000",
            ["Mail:Smtp:Host"] = "127.0.0.1",
            ["Mail:Smtp:Port"] = smtpPort.ToString(CultureInfo.InvariantCulture),
        };
        if (postgres is not null) settings["ConnectionStrings:Roster"] = postgres;
        if (smoke) settings["Security:PasswordHashIterations"] = "1000";
        return settings;
    }

    private static ServiceProvider RosterServices(IReadOnlyDictionary<string, string> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings!).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddRoster(configuration);
        return services.BuildServiceProvider();
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Roster.slnx"))) return folder.FullName;
        return Directory.GetCurrentDirectory();
    }
}
