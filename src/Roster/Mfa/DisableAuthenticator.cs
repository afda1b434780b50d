using Microsoft.EntityFrameworkCore;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Mail;
using Roster.Sessions;
using Roster.Users;

namespace Roster.Mfa;

/// <summary>
/// Turns MFA off after the password is entered again (a session left open is not enough), and drops the recovery
/// codes. A wrong password counts toward lockout, as at sign-in (<see cref="PasswordConfirmation"/>).
/// </summary>
public sealed class DisableAuthenticator(
    RosterDbContext db, PasswordConfirmation confirmation, OutboxSignal signal, TimeProvider clock)
{
    /// <param name="deviceCookie">The client's device cookie, if it sent one: a wrong password counts against that device.</param>
    public async Task<Result> HandleAsync(string userId, string? password, Actor actor, string? deviceCookie = null, CancellationToken ct = default)
    {
        if (MfaErrors.RequireSelf(actor, userId) is { } denied) return denied;
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null) return Error.NotFound("user");
        if (!user.HasMfa && user.PendingAuthenticatorKey is null) return MfaErrors.NotEnabled;
        if (string.IsNullOrEmpty(password)) return MfaErrors.PasswordRequired;
        if (!await confirmation.ConfirmAsync(user, password, deviceCookie, actor, "disable_mfa", ct)) return MfaErrors.PasswordInvalid;

        var now = clock.GetUtcNow();
        var wasEnabled = user.HasMfa;
        user.AuthenticatorKey = null;
        user.PendingAuthenticatorKey = null;
        user.MfaEnabledAt = null;
        user.LastTotpStep = null;
        if (wasEnabled)
        {
            db.RecordPersonal(actor, AuditAction.MfaDisabled, user.Id, user.Name, now);
            MfaMail.Disabled(db, user, now);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.RecoveryCodes.Where(c => c.UserId == userId).ExecuteDeleteAsync(ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (wasEnabled) signal.Poke();
        return Result.Ok();
    }
}
