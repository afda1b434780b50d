using Microsoft.EntityFrameworkCore;
using Roster.Data;

namespace Roster.Mfa;

/// <summary>What the user's two-factor page shows: whether MFA is on, the recovery codes left, a setup in progress.</summary>
public sealed record AuthenticatorState(bool Enabled, DateTimeOffset? EnabledAt, int RecoveryCodesLeft, AuthenticatorEnrolment? Pending);

public sealed class AuthenticatorStatus(RosterDbContext db, AuthenticatorKeys keys)
{
    /// <summary>The state of the user's own MFA; callers pass the signed-in user's id only.</summary>
    public async Task<AuthenticatorState?> ReadAsync(string userId, CancellationToken ct = default)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.Email, u.AuthenticatorKey, u.PendingAuthenticatorKey, u.MfaEnabledAt }).SingleOrDefaultAsync(ct);
        if (user is null) return null;
        var left = await db.RecoveryCodes.CountAsync(c => c.UserId == userId && c.UsedAt == null, ct);
        AuthenticatorEnrolment? pending = null;
        if (user.AuthenticatorKey is null && user.PendingAuthenticatorKey is { } protectedKey)
        {
            var key = keys.RevealText(protectedKey);
            pending = new AuthenticatorEnrolment(key, AuthenticatorKeys.Uri(key, user.Email!));
        }
        return new AuthenticatorState(user.AuthenticatorKey is not null, user.MfaEnabledAt, left, pending);
    }
}
