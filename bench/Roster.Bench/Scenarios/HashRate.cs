using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Roster.Users;

namespace Roster.Bench.Scenarios;

/// <summary>
/// The pure password-verification rate in this process, with Roster's configured hasher (same iterations) and the
/// sign-in scenario's parallelism: the ceiling that HTTP sign-ins are measured against.
/// </summary>
public static class HashRate
{
    /// <summary>The middle of several measurements, which one neighbour's burst cannot move far: the run's summary figure.</summary>
    public static double Median(IReadOnlyList<double> rates)
    {
        var sorted = rates.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>
    /// The yardstick of a scenario measured in rounds, from the measurements before each round and after the last:
    /// each round is judged by the mean of the two around it, so the first and last count half as much as the others.
    /// </summary>
    public static double AcrossRounds(IReadOnlyList<double> around)
    {
        if (around.Count < 2) return around.Count == 0 ? 0 : around[0];
        var inner = around.Skip(1).Take(around.Count - 2).Sum();
        return (around[0] / 2 + inner + around[^1] / 2) / (around.Count - 1);
    }

    /// <summary>From the slowest measurement to the fastest, as a fraction of the median.</summary>
    public static double Spread(IReadOnlyList<double> rates) => rates.Count == 0 || Median(rates) <= 0 ? 0 : (rates.Max() - rates.Min()) / Median(rates);

    /// <summary>
    /// Verifications per second, and this process's CPU time per verification: the rate moves with whatever else runs on
    /// the machine, the CPU time much less, so it says what a sign-in spends beside the hash even on a busy machine.
    /// </summary>
    public static async Task<(double PerSecond, double CpuMicrosPerVerification)> MeasureAsync(
        IPasswordHasher<User> hasher, int parallelism, TimeSpan duration, CancellationToken ct)
    {
        var user = new User();
        const string password = "the quick brown fox";
        var hash = hasher.HashPassword(user, password);
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Enumerable.Range(0, parallelism).Select(_ => Task.Run(() =>
        {
            long verified = 0;
            while (clock.Elapsed < duration && !ct.IsCancellationRequested)
            {
                if (hasher.VerifyHashedPassword(user, hash, password) == PasswordVerificationResult.Failed)
                    throw new InvalidOperationException("The hasher rejected its own hash.");
                verified++;
            }
            return verified;
        }, ct)));
        ct.ThrowIfCancellationRequested();
        var elapsed = clock.Elapsed;
        process.Refresh();
        var verified = Math.Max(1, counts.Sum());
        return (verified / elapsed.TotalSeconds, (process.TotalProcessorTime - cpu).TotalMicroseconds / verified);
    }
}
