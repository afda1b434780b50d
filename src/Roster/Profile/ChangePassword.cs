using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Mail;
using Roster.Security;
using Roster.Sessions;
using Roster.Users;

namespace Roster.Profile;

/// <param name="DeviceCookie">The client's device cookie, if it sent one: wrong passwords count against that device.</param>
/// <param name="Confirmation">The new password typed again, when the form asks for it.</param>
public sealed record ChangePasswordRequest(string? OldPassword, string? Password, string? DeviceCookie = null, string? Confirmation = null);

/// <summary>
/// A signed-in user changes their own password after proving the current one. Their other sessions end (whoever
/// may have learnt the old password is signed out), this one stays, and a notice goes to their mailbox. A wrong
/// current password counts toward lockout (<see cref="PasswordConfirmation"/>).
/// </summary>
public sealed class ChangePassword(
    RosterDbContext db, IPasswordHasher<User> hasher, PasswordConfirmation confirmation, PasswordPolicy passwords, OutboxSignal signal,
    PublicAddress address, TimeProvider clock)
{
    public static readonly Error SessionRequired =
        new("auth.session_required", "Only a signed-in user can change their password; API tokens cannot.", ErrorKind.Forbidden);

    public static readonly Error WrongPassword =
        new("auth.wrong_password", "The current password is not correct.", Field: "old_password");

    public async Task<Result> HandleAsync(ChangePasswordRequest request, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsUser || actor.SessionId is null) return SessionRequired;
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == actor.Id, ct);
        if (user is null) return Error.NotFound("user");
        // Everything that needs no proof is said at once, before the current password spends an attempt.
        var invalid = Error.Of(
            string.IsNullOrEmpty(request.OldPassword)
                ? new Error("auth.old_password_required", "Enter your current password.", Field: "old_password") : null,
            passwords.Check(request.Password, user.Email, user.Name, await PasswordPolicy.AccountNamesAsync(db, user.Id, ct))
            ?? (request.Password == request.OldPassword
                ? new Error("users.password_unchanged", "The new password is the same as the current one.", Field: "password") : null),
            request.Confirmation is not null && request.Confirmation != (request.Password ?? "")
                ? new Error("users.password_mismatch", "The two new passwords are not the same.", Field: "confirm_password") : null);
        if (invalid is not null) return invalid;
        if (!await confirmation.ConfirmAsync(user, request.OldPassword!, request.DeviceCookie, actor, "change_password", ct)) return WrongPassword;

        var now = clock.GetUtcNow();
        user.PasswordHash = hasher.HashPassword(user, request.Password!);
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var ended = await db.Sessions
            .Where(s => s.UserId == user.Id && s.Id != actor.SessionId && s.Status == SessionStatus.Active)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SessionStatus.Terminated).SetProperty(x => x.EndedAt, now), ct);
        // A reset link mailed before the change would otherwise undo it.
        await db.PasswordResets.Where(r => r.UserId == user.Id && r.UsedAt == null).ExecuteDeleteAsync(ct);
        db.RecordPersonal(actor, AuditAction.PasswordChanged, user.Id, user.Name, now, new { other_sessions_ended = ended });
        PasswordMail.Changed(db, user.Email!, user.Name, actor.Ip, address, now);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        signal.Poke();
        return Result.Ok();
    }
}
