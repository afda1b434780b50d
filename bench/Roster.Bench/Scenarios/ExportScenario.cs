using System.Diagnostics;
using Roster.Bench.Server;

namespace Roster.Bench.Scenarios;

/// <summary>
/// Exports every member of the seeded account as CSV in one request (GET users with Accept: text/csv) and reads the
/// stream to its end: the time to stream it, the rows per second, and the server's peak RSS meanwhile, which must
/// not grow with the account. The row count is checked against the seed.
/// </summary>
public sealed class ExportScenario(HttpClient client, RssMonitor rss)
{
    public async Task<ScenarioResult> RunAsync(Uri server, string accountId, string apiKey, long members, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server, $"/public/v1/accounts/{accountId}/users"));
        request.Headers.TryAddWithoutValidation("Authorization", apiKey);
        request.Headers.TryAddWithoutValidation("Accept", "text/csv");
        // The export of a million rows takes longer than the load client's per-request timeout allows.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(30));

        rss.Restart();
        var clock = Stopwatch.StartNew();
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        var lines = 0L;
        var problems = new List<string>();
        if (!response.IsSuccessStatusCode) problems.Add($"the export answered {(int)response.StatusCode}");
        else
        {
            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await body.ReadAsync(buffer, timeout.Token)) > 0) lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }
        var elapsed = clock.Elapsed;
        var peak = rss.Restart();

        var rows = Math.Max(0, lines - 1);
        if (problems.Count == 0 && rows != members) problems.Add($"the export had {rows:N0} rows, the account {members:N0} members");
        var rowsPerSecond = rows / Math.Max(elapsed.TotalSeconds, 1e-9);
        Console.WriteLine($"  {"export members (CSV)",-22} {rows:N0} rows in {elapsed.TotalSeconds:F1} s, {rowsPerSecond:N0} rows/s, " +
                          $"server RSS peak {peak / 1024.0 / 1024.0:F0} MB");
        return new ScenarioResult
        {
            Name = "export members (CSV)",
            Request = "GET /public/v1/accounts/{a}/users, Accept: text/csv, read to the end",
            Concurrency = 1,
            Seconds = elapsed.TotalSeconds,
            Requests = 1,
            RequestsPerSecond = 1 / Math.Max(elapsed.TotalSeconds, 1e-9),
            Errors = problems.Count == 0 ? 0 : 1,
            RssPeakMb = peak / 1024.0 / 1024.0,
            Problems = problems,
            Details = new Dictionary<string, object> { ["rows"] = rows, ["rowsPerSecond"] = Math.Round(rowsPerSecond) },
        };
    }
}
