using System.Diagnostics;
using System.Globalization;
using Roster.Bench.Seeding;
using Roster.Bench.Server;

namespace Roster.Bench.Scenarios;

/// <summary>
/// Exports the newest seeded audit entries (a million when there are that many) as CSV in one request, by a time range
/// as the portal's filter asks, and reads the stream to its end. The server's RSS is taken before the request and
/// sampled during it: the growth is what the export costs in memory, which must not depend on its length. The rows
/// are checked: exactly the range's entries, newest first, each once.
/// </summary>
public sealed class AuditExportScenario(HttpClient client, RssMonitor rss)
{
    public const string Name = "audit export (CSV)";

    public async Task<ScenarioResult> RunAsync(Uri server, string accountId, string apiKey, SeededAudit audit, CancellationToken ct)
    {
        var range = $"and(ge(at,{Iso(audit.ExportFrom)}),lt(at,{Iso(audit.ExportUntil)}))";
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server, $"/public/v1/accounts/{accountId}/audit?{range}"));
        request.Headers.TryAddWithoutValidation("Authorization", apiKey);
        request.Headers.TryAddWithoutValidation("Accept", "text/csv");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(30));

        var before = rss.Restart();
        var clock = Stopwatch.StartNew();
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        var problems = new List<string>();
        var rows = 0L;
        if (!response.IsSuccessStatusCode) problems.Add($"the export answered {(int)response.StatusCode}");
        else rows = await ReadAsync(response, problems, timeout.Token);
        var elapsed = clock.Elapsed;
        var peak = rss.Restart();

        if (problems.Count == 0 && rows != audit.ExportRows) problems.Add($"the export had {rows:N0} rows, the range {audit.ExportRows:N0} entries");
        var rowsPerSecond = rows / Math.Max(elapsed.TotalSeconds, 1e-9);
        var growth = Math.Max(0, peak - before) / 1024.0 / 1024.0;
        Console.WriteLine($"  {Name,-22} {rows:N0} rows in {elapsed.TotalSeconds:F1} s, {rowsPerSecond:N0} rows/s, " +
                          $"server RSS {before / 1024.0 / 1024.0:F0} MB before, peak {peak / 1024.0 / 1024.0:F0} MB (+{growth:F0} MB)");
        return new ScenarioResult
        {
            Name = Name,
            Request = "GET /public/v1/accounts/{a}/audit?and(ge(at,..),lt(at,..)), Accept: text/csv, read to the end",
            Concurrency = 1,
            Seconds = elapsed.TotalSeconds,
            Requests = 1,
            RequestsPerSecond = 1 / Math.Max(elapsed.TotalSeconds, 1e-9),
            Errors = problems.Count == 0 ? 0 : 1,
            RssPeakMb = peak / 1024.0 / 1024.0,
            RssGrowthMb = growth,
            Problems = problems,
            Details = new Dictionary<string, object>
            {
                ["rows"] = rows, ["rowsPerSecond"] = Math.Round(rowsPerSecond), ["rssBeforeMb"] = Math.Round(before / 1024.0 / 1024.0),
            },
        };
    }

    /// <summary>Counts the rows and checks the ids, the first column, fall strictly: the default order is newest first.</summary>
    private static async Task<long> ReadAsync(HttpResponseMessage response, List<string> problems, CancellationToken ct)
    {
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        using var reader = new StreamReader(body);
        await reader.ReadLineAsync(ct); // the header
        var rows = 0L;
        var last = long.MaxValue;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            rows++;
            var comma = line.IndexOf(',', StringComparison.Ordinal);
            if (!long.TryParse(comma < 0 ? line : line[..comma], NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id >= last)
            {
                if (problems.Count == 0) problems.Add($"row {rows:N0} is out of order or unreadable: '{line[..Math.Min(line.Length, 40)]}'");
            }
            else last = id;
        }
        return rows;
    }

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
