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

    /// <summary>Runs of the same load one after the other, measured as one: their times, requests and latencies added.</summary>
    public static LoadResult Combine(IReadOnlyList<LoadResult> parts)
    {
        var latency = new Histogram();
        var errors = new Dictionary<string, long>();
        foreach (var part in parts)
        {
            latency.Add(part.Latency);
            foreach (var (kind, count) in part.ErrorsByKind) errors[kind] = errors.GetValueOrDefault(kind) + count;
        }
        return new LoadResult(parts[0].Concurrency, TimeSpan.FromTicks(parts.Sum(p => p.Elapsed.Ticks)), parts.Sum(p => p.Requests),
            parts.Sum(p => p.Errors), errors, latency);
    }
}
