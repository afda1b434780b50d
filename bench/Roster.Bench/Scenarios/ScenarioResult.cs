using Roster.Bench.Load;

namespace Roster.Bench.Scenarios;

/// <summary>One row of the report.</summary>
public sealed record ScenarioResult
{
    public required string Name { get; init; }
    public required string Request { get; init; }
    public int Concurrency { get; init; }
    public double Seconds { get; init; }
    public long Requests { get; init; }
    public double RequestsPerSecond { get; init; }
    public double P50Ms { get; init; }
    public double P95Ms { get; init; }
    public double P99Ms { get; init; }
    public double MaxMs { get; init; }
    public long Errors { get; init; }
    public IReadOnlyDictionary<string, long> ErrorsByKind { get; init; } = new Dictionary<string, long>();
    public double RssPeakMb { get; init; }

    /// <summary>How much the server's RSS rose above where it stood when the scenario began, for scenarios that judge it.</summary>
    public double? RssGrowthMb { get; init; }

    /// <summary>The server's CPU time (all cores) per measured request: its own cost, apart from the load generator's.</summary>
    public double ServerCpuMicrosPerRequest { get; init; }

    /// <summary>A local PostgreSQL cluster's CPU time (every process of it) per measured request; zero on SQLite, which runs in the server.</summary>
    public double DatabaseCpuMicrosPerRequest { get; init; }
    public string Target { get; init; } = "";
    public bool? Met { get; init; }
    public string Observed { get; init; } = "";

    /// <summary>Correctness failures seen beside the load (a wrong total, a lost mail); any of them fails a smoke run.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>For the invitations: from the response to the last invitation to the last mail the SMTP sink accepted.</summary>
    public double? MailSecondsAfterLastInvitation { get; init; }

    /// <summary>Facts worth keeping with the numbers, such as the Content-Range a list answered.</summary>
    public IReadOnlyDictionary<string, object> Details { get; init; } = new Dictionary<string, object>();

    public static ScenarioResult From(string name, string request, LoadResult load, long rssBytes) => new()
    {
        Name = name,
        Request = request,
        Concurrency = load.Concurrency,
        Seconds = load.Elapsed.TotalSeconds,
        Requests = load.Requests,
        RequestsPerSecond = load.RequestsPerSecond,
        P50Ms = load.Latency.PercentileMillis(0.50),
        P95Ms = load.Latency.PercentileMillis(0.95),
        P99Ms = load.Latency.PercentileMillis(0.99),
        MaxMs = load.Latency.MaxMicros / 1000.0,
        Errors = load.Errors,
        ErrorsByKind = load.ErrorsByKind,
        RssPeakMb = rssBytes / 1024.0 / 1024.0,
    };
}
