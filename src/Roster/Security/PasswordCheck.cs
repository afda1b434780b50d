using Microsoft.AspNetCore.Identity;
using Roster.Common;
using Roster.Sessions;
using Roster.Users;

namespace Roster.Security;

/// <summary>
/// The one place a password is checked against a hash, so that every check is counted
/// (<see cref="RosterMetrics.PasswordVerifications"/>): operators see guessing, and tests see how many guesses
/// reached a real hash without timing anything. A user without a password (invited, never registered) is checked
/// against the decoy, so that answer costs what any other does. Both take their turn at the <see cref="HashingGate"/>.
/// </summary>
public sealed class PasswordCheck(IPasswordHasher<User> hasher, DecoyPasswordHash decoy, HashingGate gate, RosterMetrics metrics)
{
    public async Task<PasswordVerificationResult> VerifyAsync(User user, string password, CancellationToken ct)
    {
        if (user.PasswordHash is not { } hash)
        {
            await DecoyAsync(password, ct);
            return PasswordVerificationResult.Failed;
        }
        var verdict = await gate.RunAsync(() => hasher.VerifyHashedPassword(user, hash, password), ct);
        Count("real", verdict != PasswordVerificationResult.Failed);
        return verdict;
    }

    /// <summary>Costs what checking a real hash costs, and proves nothing.</summary>
    public async Task DecoyAsync(string password, CancellationToken ct)
    {
        await gate.RunAsync(() => hasher.VerifyHashedPassword(new User(), decoy.Value, password), ct);
        Count("decoy", false);
    }

    private void Count(string hash, bool succeeded) =>
        metrics.PasswordVerifications.Add(1, new("hash", hash), new("outcome", succeeded ? "succeeded" : "failed"));
}
