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

public enum ResetLinkState
{
    Usable,
    Expired,
    Used,
    Unknown,
}

/// <param name="Confirmation">The new password typed again, when the form asks for it.</param>
public sealed record ResetPasswordRequest(string? Token, string? Password, string? Ip = null, string? UserAgent = null, string? Confirmation = null);

/// <summary>
/// Sets a new password with a mailed reset link. The link works once; every session of the user ends, the lockout
/// is lifted, and a notice is mailed. The authenticator stays on: the next sign-in still asks for the second factor.
/// </summary>
public sealed class ResetPassword(
    RosterDbContext db, IPasswordHasher<User> hasher, PasswordPolicy passwords, SignInAttempts attempts, OutboxSignal signal,
    PublicAddress address, Sso.SignInRoutes routes, TimeProvider clock)
{
    // The link is the credential of an anonymous request: one that does not authenticate is a 401, as Connect declares.
    public static readonly Error Expired = new("auth.reset_link_expired", "This password reset link has expired. Ask for a new one.",
        ErrorKind.Unauthenticated, Field: "token");
    public static readonly Error Used = new("auth.reset_link_used", "This password reset link was already used. Ask for a new one if you need it.",
        ErrorKind.Unauthenticated, Field: "token");
    public static readonly Error Unknown = new("auth.reset_link_invalid",
        "This password reset link is not valid. Only the latest link works; check that it was copied whole, or ask for a new one.",
        ErrorKind.Unauthenticated, Field: "token");

    public async Task<ResetLinkState> StateAsync(string? token, CancellationToken ct = default) =>
        StateOf(await FindAsync(token, ct));

    public async Task<Result<User>> HandleAsync(ResetPasswordRequest request, CancellationToken ct = default)
    {
        var reset = await FindAsync(request.Token, ct);
        var state = StateOf(reset);
        if (state != ResetLinkState.Usable) return ErrorOf(state);
        var user = await db.Users.SingleAsync(u => u.Id == reset!.UserId, ct);
        // A link mailed before the domain enforced its provider sets no password after.
        if (await routes.ForEmailAsync(user.Email!, user.Id, ct) is { Enforced: true } route) return route.SsoRequired();
        var invalid = Error.Of(
            passwords.Check(request.Password, user.Email, user.Name, await PasswordPolicy.AccountNamesAsync(db, user.Id, ct)),
            request.Confirmation is not null && request.Confirmation != (request.Password ?? "")
                ? new Error("users.password_mismatch", "The two new passwords are not the same.", Field: "confirm_password") : null);
        if (invalid is not null) return invalid;

        var hash = hasher.HashPassword(user, request.Password!);
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Claimed with one conditional update, so of two concurrent uses only one sets a password.
        var claimed = await db.PasswordResets
            .Where(r => r.TokenHash == reset!.TokenHash && r.UsedAt == null && r.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.UsedAt, now), ct);
        if (claimed != 1) return Used;
        await db.PasswordResets.Where(r => r.UserId == user.Id && r.TokenHash != reset!.TokenHash).ExecuteDeleteAsync(ct);
        var ended = await db.Sessions.Where(s => s.UserId == user.Id && s.Status == SessionStatus.Active)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SessionStatus.Terminated).SetProperty(x => x.EndedAt, now), ct);

        user.PasswordHash = hash;
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        var actor = new Actor(ActorKind.User, user.Id, user.Name, null, null, request.Ip, request.UserAgent);
        db.RecordPersonal(actor, AuditAction.PasswordReset, user.Id, user.Name, now, new { sessions_ended = ended });
        PasswordMail.WasReset(db, user.Email!, user.Name, request.Ip, address, now);
        await db.SaveChangesAsync(ct);
        // After the user's row, in the order a sign-in takes them, so the two cannot deadlock.
        await attempts.LiftAsync(user.Id, ct);
        await transaction.CommitAsync(ct);
        signal.Poke();
        return user;
    }

    public static Error ErrorOf(ResetLinkState state) => state switch
    {
        ResetLinkState.Expired => Expired,
        ResetLinkState.Used => Used,
        _ => Unknown,
    };

    private ResetLinkState StateOf(PasswordReset? reset) =>
        reset is null ? ResetLinkState.Unknown
        : reset.UsedAt is not null ? ResetLinkState.Used
        : reset.ExpiresAt <= clock.GetUtcNow() ? ResetLinkState.Expired
        : ResetLinkState.Usable;

    private async Task<PasswordReset?> FindAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 128) return null;
        var hash = Secrets.Hash(token);
        return await db.PasswordResets.AsNoTracking().SingleOrDefaultAsync(r => r.TokenHash == hash, ct);
    }
}
