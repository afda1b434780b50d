using System.Numerics;

namespace Roster.Bench.Load;

/// <summary>
/// Latencies in microseconds, in log-linear buckets (exact below 256 µs, then 128 buckets per power of two, so
/// under 1% error): fixed memory, no allocation per sample, mergeable across workers.
/// </summary>
public sealed class Histogram
{
    private const int SubBits = 7;
    private const int Linear = 2 << SubBits;
    private const int PerPower = 1 << SubBits;
    private readonly long[] _counts = new long[Linear + 56 * PerPower];

    public long Count { get; private set; }
    public long MaxMicros { get; private set; }

    public void Record(long micros)
    {
        micros = Math.Max(micros, 0);
        _counts[Index(micros)]++;
        Count++;
        if (micros > MaxMicros) MaxMicros = micros;
    }

    public void Add(Histogram other)
    {
        for (var i = 0; i < _counts.Length; i++) _counts[i] += other._counts[i];
        Count += other.Count;
        MaxMicros = Math.Max(MaxMicros, other.MaxMicros);
    }

    /// <summary>The upper edge of the bucket holding the <paramref name="fraction"/> quantile: a slight overestimate, never an under.</summary>
    public double PercentileMillis(double fraction)
    {
        if (Count == 0) return 0;
        var rank = (long)Math.Ceiling(fraction * Count);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= Math.Max(rank, 1)) return Math.Min(UpperEdge(i), MaxMicros) / 1000.0;
        }
        return MaxMicros / 1000.0;
    }

    private static int Index(long micros)
    {
        if (micros < Linear) return (int)micros;
        var shift = 63 - BitOperations.LeadingZeroCount((ulong)micros) - SubBits;
        return Linear + (shift - 1) * PerPower + (int)(micros >> shift) - PerPower;
    }

    private static long UpperEdge(int index)
    {
        if (index < Linear) return index;
        var shift = (index - Linear) / PerPower + 1;
        var top = (index - Linear) % PerPower + PerPower;
        return ((long)(top + 1) << shift) - 1;
    }
}
