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
    public static async Task<double> MeasureAsync(IPasswordHasher<User> hasher, int parallelism, TimeSpan duration, CancellationToken ct)
    {
        var user = new User();
        const string password = "the quick brown fox";
        var hash = hasher.HashPassword(user, password);
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
        return counts.Sum() / clock.Elapsed.TotalSeconds;
    }
}
