using System.Globalization;
using System.Text;
using Roster.Bench.Scenarios;

namespace Roster.Bench.Report;

/// <summary>The report as a console table: one row per scenario, with its target and whether it was met.</summary>
public static class ResultsTable
{
    public static string Render(BenchReport report)
    {
        var text = new StringBuilder();
        var m = report.Machine;
        text.AppendLine(Line($"Roster at {m.Members:N0} members on {m.Provider}: {m.Cores} cores, {m.MemoryMb:N0} MB, {m.Os}, {m.Dotnet}"));
        var seeding = report.Seeding;
        text.AppendLine(Line($"seeded in {seeding.SeedSeconds:F1} s (+ {seeding.AnalyzeSeconds:F1} s {(m.Provider == "postgres" ? "VACUUM ANALYZE" : "ANALYZE")}); baseline {report.BaselineRequestsPerSecond:F0} req/s; password verifications {report.HashesPerSecond:F1}/s in process ({Rates(report.HashRates)}; each sign-in judged against those between its own rounds)"));
        text.AppendLine();
        text.AppendLine(Line($"{"scenario",-24}{"conc",5}{"req/s",10}{"p50 ms",9}{"p95 ms",9}{"p99 ms",9}{"errors",8}{"RSS MB",8}{"CPU µs",8}{"DB µs",7}  {"target",-28}{"observed",-24}result"));
        foreach (var s in report.Scenarios) text.AppendLine(Row(s));
        return text.ToString();
    }

    private static string Rates(IReadOnlyList<double> rates) =>
        $"median of {string.Join(", ", rates.Select(r => r.ToString("F1", CultureInfo.InvariantCulture)))}; spread {HashRate.Spread(rates):P0}";

    private static string Row(ScenarioResult s)
    {
        var verdict = s.Met switch { true => "met", false => "MISSED", null => "-" };
        if (s.Errors > 0 || s.Problems.Count > 0) verdict += " (errors)";
        var numbers = s.Requests == 0
            ? $"{"",5}{"",10}{"",9}{"",9}{"",9}{"",8}"
            : $"{s.Concurrency,5}{s.RequestsPerSecond,10:F1}{s.P50Ms,9:F1}{s.P95Ms,9:F1}{s.P99Ms,9:F1}{s.Errors,8}";
        var cpu = s.ServerCpuMicrosPerRequest > 0 ? s.ServerCpuMicrosPerRequest.ToString("F0", CultureInfo.InvariantCulture) : "";
        var database = s.DatabaseCpuMicrosPerRequest > 0 ? s.DatabaseCpuMicrosPerRequest.ToString("F0", CultureInfo.InvariantCulture) : "";
        return Line($"{Cut(s.Name, 23),-24}{numbers}{s.RssPeakMb,8:F0}{cpu,8}{database,7}  {Cut(s.Target, 27),-28}{Cut(s.Observed, 23),-24}{verdict}");
    }

    private static string Cut(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "~";

    private static string Line(FormattableString line) => FormattableString.Invariant(line);
}
