using Microsoft.EntityFrameworkCore;
using Roster.Data;
using Roster.Common;

namespace Roster.Profile;

/// <summary>A mailed password-reset token: stored hashed, short-lived, used once.</summary>
public sealed class PasswordReset
{
    public required string TokenHash { get; init; }
    public required string UserId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? UsedAt { get; set; }

    /// <summary>
    /// Ends the user's earlier links and adds a new one to the unit of work; returns the token for the mail, which is
    /// stored only as its hash.
    /// </summary>
    public static async Task<(string Token, DateTimeOffset ExpiresAt)> IssueAsync(
        RosterDbContext db, string userId, DateTimeOffset now, TimeSpan lifetime, CancellationToken ct)
    {
        await db.PasswordResets.Where(r => r.UserId == userId).ExecuteDeleteAsync(ct);
        var token = Secrets.New();
        var reset = new PasswordReset { TokenHash = Secrets.Hash(token), UserId = userId, CreatedAt = now, ExpiresAt = now + lifetime };
        db.PasswordResets.Add(reset);
        return (token, reset.ExpiresAt);
    }
}
