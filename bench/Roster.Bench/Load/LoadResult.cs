namespace Roster.Bench.Load;

/// <summary>What one closed-loop run measured.</summary>
public sealed record LoadResult(
    int Concurrency,
    TimeSpan Elapsed,
    long Requests,
    long Errors,
    IReadOnlyDictionary<string, long> ErrorsByKind,
    Histogram Latency)
{
    public double RequestsPerSecond => Elapsed > TimeSpan.Zero ? Requests / Elapsed.TotalSeconds : 0;
}
