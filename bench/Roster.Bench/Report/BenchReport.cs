using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Roster.Bench.Scenarios;

namespace Roster.Bench.Report;

/// <summary>The sizes and durations of the run (never the connection string, which may hold a password).</summary>
public sealed record RunSettings(
    bool Smoke, double DurationSeconds, double WarmupSeconds, int Concurrency, int LatencyConcurrency, int Sessions, int Invitations, string BaselinePath)
{
    public static RunSettings Of(BenchOptions options, string baselinePath) => new(
        options.Smoke, options.Duration.TotalSeconds, options.Warmup.TotalSeconds, options.Concurrency, options.LatencyConcurrency,
        options.Sessions, options.Invitations, baselinePath);
}

public sealed record SeedingReport(
    int Members, int Active, int Invited, int Expired, int SupportMembers, int SearchMatches, int Sessions, int AuditEntries,
    double SeedSeconds, double AnalyzeSeconds);

/// <summary>
/// Everything one run measured, as written to the JSON file. <see cref="HashRates"/> are the hash rates measured in
/// process between the sign-in scenarios' rounds, and <see cref="HashesPerSecond"/> their median; each sign-in is
/// judged against the rate across its own rounds, which its details hold.
/// </summary>
public sealed record BenchReport(
    DateTimeOffset StartedAt,
    MachineInfo Machine,
    RunSettings Settings,
    SeedingReport Seeding,
    double BaselineRequestsPerSecond,
    double HashesPerSecond,
    IReadOnlyList<double> HashRates,
    IReadOnlyList<ScenarioResult> Scenarios)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // a file for people: ">=" rather than "\u003E="
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Scenarios with errors or correctness problems: any of them fails the run.</summary>
    public IEnumerable<ScenarioResult> Failures() => Scenarios.Where(s => s.Errors > 0 || s.Problems.Count > 0);

    public IEnumerable<ScenarioResult> Missed() => Scenarios.Where(s => s.Met == false);

    public async Task WriteAsync(string path, CancellationToken ct)
    {
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, this, Json, ct);
    }
}
