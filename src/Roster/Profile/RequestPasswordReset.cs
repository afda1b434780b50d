using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Mail;
using Roster.Security;
using Roster.Sso;
using Roster.Users;

namespace Roster.Profile;

public sealed record PasswordResetRequest(string? Email, string? Ip = null, string? UserAgent = null);

/// <summary>
/// "Forgot password": mails a registered user a single-use link with a short lifetime; a newer request kills the
/// older links. At most <see cref="SecurityOptions.PasswordResetsPerHour"/> mails go to one user in an hour, counted
/// atomically across nodes, so nobody can flood a mailbox; a request past the limit sends nothing and leaves an
/// entry in the user's own history. The caller gets the same answer whatever happened, and every path commits one
/// write (the reset and its mail, or an audit entry of the attempt), so neither the answer nor its timing tells.
/// </summary>
public sealed class RequestPasswordReset(
    RosterDbContext db, UserManager<User> users, OutboxSignal signal, IOptions<SecurityOptions> security,
    PublicAddress address, SignInRoutes routes, TimeProvider clock)
{
    public async Task<Result> HandleAsync(PasswordResetRequest request, CancellationToken ct = default)
    {
        var invalid = UserRules.ValidateEmail(request.Email);
        if (invalid is not null) return invalid;
        var email = request.Email!.Trim();
        var normalized = users.NormalizeEmail(email);
        // Someone invited who never registered has no password to reset; their invitation link is their way in.
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized && u.PasswordHash != null, ct);
        // An enforced domain's people have no password to reset here, whether or not they once had one.
        var userId = user?.Id ?? await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).SingleOrDefaultAsync(ct);
        if (await routes.ForEmailAsync(email, userId, ct) is { Enforced: true } route) return route.SsoRequired();
        var now = clock.GetUtcNow();

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var mailed = user is not null && await db.TryTakeAttemptAsync(
            user.Id, AttemptCounter.PasswordResets, security.Value.PasswordResetsPerHour, TimeSpan.FromHours(1), now, ct);
        if (user is null)
        {
            var anonymous = new Actor(ActorKind.System, "anonymous", "Anonymous", null, null, request.Ip, request.UserAgent);
            db.Record(anonymous, AuditAction.PasswordResetRequested, "email", email.Length > 64 ? email[..64] : email, null, now,
                changes: new { registered = false });
        }
        else if (!mailed)
        {
            var actor = new Actor(ActorKind.User, user.Id, user.Name, null, null, request.Ip, request.UserAgent);
            db.RecordPersonal(actor, AuditAction.PasswordResetRequested, user.Id, user.Name, now,
                new { mailed = false, limit_per_hour = security.Value.PasswordResetsPerHour });
        }
        else
        {
            var (token, expiresAt) = await PasswordReset.IssueAsync(db, user.Id, now, security.Value.PasswordResetLifetime, ct);
            PasswordMail.ResetLink(db, user.Email!, user.Name, PasswordMail.ResetUrl(address, token), expiresAt, now);
            var actor = new Actor(ActorKind.User, user.Id, user.Name, null, null, request.Ip, request.UserAgent);
            db.RecordPersonal(actor, AuditAction.PasswordResetRequested, user.Id, user.Name, now);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (mailed) signal.Poke();
        return Result.Ok();
    }
}
