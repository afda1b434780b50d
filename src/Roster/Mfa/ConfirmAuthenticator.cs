using Microsoft.EntityFrameworkCore;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Mail;
using Roster.Profile;

namespace Roster.Mfa;

/// <summary>
/// Turns MFA on once the user proves their app holds the pending key, and hands out new recovery codes, shown only
/// here. The code used to confirm counts as used, so it cannot sign anyone in afterwards.
/// </summary>
public sealed class ConfirmAuthenticator(RosterDbContext db, AuthenticatorKeys keys, OutboxSignal signal, TimeProvider clock)
{
    public async Task<Result<IReadOnlyList<string>>> HandleAsync(string userId, string? code, Actor actor, CancellationToken ct = default)
    {
        if (MfaErrors.RequireSelf(actor, userId) is { } denied) return denied;
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null) return Error.NotFound("user");
        if (user.HasMfa) return MfaErrors.AlreadyEnabled;
        if (user.PendingAuthenticatorKey is not { } pending) return MfaErrors.NotStarted;
        var normalized = OneTimeCode.Normalize(code);
        if (normalized.Length == 0) return MfaErrors.CodeRequired;

        var now = clock.GetUtcNow();
        var step = Totp.Match(keys.Reveal(pending), normalized, now, lastUsedStep: null);
        if (step is null) return MfaErrors.CodeInvalid;

        var codes = RecoveryCodes.New();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Conditional on the key still pending, so two confirmations racing cannot both hand out recovery codes.
        var enabled = await db.Users.Where(u => u.Id == userId && u.AuthenticatorKey == null && u.PendingAuthenticatorKey == pending)
            .ExecuteUpdateAsync(u => u
                .SetProperty(x => x.AuthenticatorKey, pending)
                .SetProperty(x => x.PendingAuthenticatorKey, (string?)null)
                .SetProperty(x => x.MfaEnabledAt, now)
                .SetProperty(x => x.LastTotpStep, step), ct);
        if (enabled == 0) return MfaErrors.NotStarted;
        await db.RecoveryCodes.Where(c => c.UserId == userId).ExecuteDeleteAsync(ct);
        db.RecoveryCodes.AddRange(codes.Select(c => new RecoveryCode { UserId = userId, CodeHash = RecoveryCodes.Hash(userId, c), CreatedAt = now }));
        db.RecordPersonal(actor, AuditAction.MfaEnabled, user.Id, user.Name, now, new { method = SecondFactor.Authenticator });
        MfaMail.Enabled(db, user, now);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        signal.Poke();
        return Result<IReadOnlyList<string>>.Ok(codes);
    }
}
