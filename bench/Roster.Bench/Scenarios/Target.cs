using System.Globalization;

namespace Roster.Bench.Scenarios;

public enum TargetKind
{
    /// <summary>The scenario is the yardstick of the others.</summary>
    Reference,
    ThroughputOfBaseline,
    ThroughputOfHashRate,
    P95AtMostMilliseconds,
    P99AtMostMilliseconds,
    RssAtMostMegabytes,
    RssGrowthAtMostMegabytes,
    /// <summary>Every invited address got exactly one mail, the last at most <c>Value</c> seconds after the last invitation.</summary>
    ExactlyOnceDelivery,
}

/// <summary>The rates measured in the same run that relative targets are judged against.</summary>
public sealed record Yardsticks(double BaselineRequestsPerSecond, double HashesPerSecond);

/// <summary>A scenario's goal, and the judgement of a result against it.</summary>
public sealed record Target(TargetKind Kind, double Value = 0)
{
    public static Target Reference { get; } = new(TargetKind.Reference);

    public string Describe() => Kind switch
    {
        TargetKind.Reference => "baseline",
        TargetKind.ThroughputOfBaseline => $">= {Percent(Value)} of baseline req/s",
        TargetKind.ThroughputOfHashRate => $">= {Percent(Value)} of hash rate",
        TargetKind.P95AtMostMilliseconds => $"p95 <= {Value.ToString(CultureInfo.InvariantCulture)} ms",
        TargetKind.P99AtMostMilliseconds => $"p99 <= {Value.ToString(CultureInfo.InvariantCulture)} ms",
        TargetKind.RssAtMostMegabytes => $"RSS <= {Value.ToString(CultureInfo.InvariantCulture)} MB",
        TargetKind.RssGrowthAtMostMegabytes => $"RSS growth <= {Value.ToString(CultureInfo.InvariantCulture)} MB",
        _ => Value > 0 ? $"each mail once, <= {Value.ToString(CultureInfo.InvariantCulture)} s after the last invitation" : "each mail exactly once",
    };

    /// <summary>Whether <paramref name="result"/> meets the target (null when there is nothing to judge) and what was seen.</summary>
    public (bool? Met, string Observed) Judge(ScenarioResult result, Yardsticks yardsticks) => Kind switch
    {
        TargetKind.Reference => (null, ""),
        TargetKind.ThroughputOfBaseline => Ratio(result.RequestsPerSecond, yardsticks.BaselineRequestsPerSecond, "baseline"),
        TargetKind.ThroughputOfHashRate => Ratio(result.RequestsPerSecond, yardsticks.HashesPerSecond, $"{yardsticks.HashesPerSecond:F1} hashes/s"),
        TargetKind.P95AtMostMilliseconds => (result.P95Ms <= Value, $"p95 {result.P95Ms:F1} ms"),
        TargetKind.P99AtMostMilliseconds => (result.Requests > 0 && result.P99Ms <= Value, $"p50 {result.P50Ms:F1} ms, p99 {result.P99Ms:F1} ms"),
        TargetKind.RssAtMostMegabytes => (result.RssPeakMb <= Value, $"RSS {result.RssPeakMb:F0} MB"),
        TargetKind.RssGrowthAtMostMegabytes => (result.RssGrowthMb <= Value, $"RSS +{result.RssGrowthMb:F0} MB"),
        _ => Delivery(result),
    };

    private (bool?, string) Delivery(ScenarioResult result)
    {
        if (result.Problems.Count > 0) return (false, result.Problems[0]);
        if (result.Errors > 0) return (false, $"{result.Errors} refused");
        if (Value <= 0 || result.MailSecondsAfterLastInvitation is not { } after) return (true, "all delivered once");
        return (after <= Value, $"all delivered once, the last {after.ToString("F1", CultureInfo.InvariantCulture)} s after the last invitation");
    }

    private (bool?, string) Ratio(double measured, double yardstick, string of) =>
        yardstick <= 0 ? (false, $"no {of} measured") : (measured / yardstick >= Value, $"{Percent(measured / yardstick)} of {of}");

    private static string Percent(double fraction) => (fraction * 100).ToString("F0", CultureInfo.InvariantCulture) + "%";
}
