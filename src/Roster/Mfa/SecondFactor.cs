using Microsoft.EntityFrameworkCore;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Users;

namespace Roster.Mfa;

/// <summary>
/// Checks the second factor of a sign-in: a current authenticator code or an unused recovery code. Each is claimed
/// by one conditional update, so two requests racing with the same code cannot both get in.
/// </summary>
public sealed class SecondFactor(RosterDbContext db, AuthenticatorKeys keys, TimeProvider clock)
{
    public const string Authenticator = "authenticator";
    public const string RecoveryCode = "recovery_code";

    /// <summary>
    /// The kind of factor accepted (<see cref="Authenticator"/> or <see cref="RecoveryCode"/>), or null. A used
    /// recovery code adds its audit entry and notice mail to the unit of work, for the caller to save.
    /// </summary>
    public async Task<string?> AcceptAsync(User user, string? code, Actor actor, CancellationToken ct)
    {
        if (user.AuthenticatorKey is null) return null;
        var normalized = OneTimeCode.Normalize(code);
        var now = clock.GetUtcNow();
        if (Totp.IsShaped(normalized))
        {
            var step = Totp.Match(keys.Reveal(user.AuthenticatorKey), normalized, now, user.LastTotpStep);
            if (step is null) return null;
            var claimed = await db.Users
                .Where(u => u.Id == user.Id && (u.LastTotpStep == null || u.LastTotpStep < step))
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.LastTotpStep, step), ct);
            return claimed == 1 ? Authenticator : null;
        }
        if (RecoveryCodes.IsShaped(normalized))
        {
            var hash = RecoveryCodes.Hash(user.Id, normalized);
            var claimed = await db.RecoveryCodes
                .Where(c => c.UserId == user.Id && c.CodeHash == hash && c.UsedAt == null)
                .ExecuteUpdateAsync(c => c.SetProperty(x => x.UsedAt, now), ct);
            if (claimed == 0) return null;
            var remaining = await db.RecoveryCodes.CountAsync(c => c.UserId == user.Id && c.UsedAt == null, ct);
            db.RecordPersonal(actor, AuditAction.RecoveryCodeUsed, user.Id, user.Name, now, new { remaining });
            MfaMail.RecoveryCodeUsed(db, user, remaining, now);
            return RecoveryCode;
        }
        return null;
    }
}
