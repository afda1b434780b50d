using Microsoft.AspNetCore.Identity;
using Roster.Common;
using Roster.Sessions;
using Roster.Users;

namespace Roster.Security;

/// <summary>
/// The one place a password is checked against a hash, so that every check is counted
/// (<see cref="RosterMetrics.PasswordVerifications"/>): operators see guessing, and tests see how many guesses
/// reached a real hash without timing anything. A user without a password (invited, never registered) is checked
/// against the decoy, so that answer costs what any other does.
/// </summary>
public sealed class PasswordCheck(IPasswordHasher<User> hasher, DecoyPasswordHash decoy, RosterMetrics metrics)
{
    public PasswordVerificationResult Verify(User user, string password)
    {
        if (user.PasswordHash is null)
        {
            Decoy(password);
            return PasswordVerificationResult.Failed;
        }
        var verdict = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        Count("real", verdict != PasswordVerificationResult.Failed);
        return verdict;
    }

    /// <summary>Costs what checking a real hash costs, and proves nothing.</summary>
    public void Decoy(string password)
    {
        hasher.VerifyHashedPassword(new User(), decoy.Value, password);
        Count("decoy", false);
    }

    private void Count(string hash, bool succeeded) =>
        metrics.PasswordVerifications.Add(1, new("hash", hash), new("outcome", succeeded ? "succeeded" : "failed"));
}
