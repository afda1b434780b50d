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
        ArgumentOutOfRangeException.ThrowIfZero(parts.Count);
        var (latency, errors) = Add(parts.Select(p => (p.Latency, p.ErrorsByKind)));
        return new LoadResult(parts[0].Concurrency, TimeSpan.FromTicks(parts.Sum(p => p.Elapsed.Ticks)), latency.Count, errors.Values.Sum(), errors, latency);
    }

    /// <summary>The latencies and the errors by kind of several workers or runs, added up.</summary>
    internal static (Histogram Latency, Dictionary<string, long> Errors) Add(IEnumerable<(Histogram Latency, IReadOnlyDictionary<string, long> Errors)> parts)
    {
        var latency = new Histogram();
        var errors = new Dictionary<string, long>();
        foreach (var part in parts)
        {
            latency.Add(part.Latency);
            foreach (var (kind, count) in part.Errors) errors[kind] = errors.GetValueOrDefault(kind) + count;
        }
        return (latency, errors);
    }
}
