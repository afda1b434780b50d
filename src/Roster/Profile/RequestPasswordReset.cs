using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Mail;
using Roster.Users;

namespace Roster.Profile;

public sealed record PasswordResetRequest(string? Email, string? Ip = null, string? UserAgent = null);

/// <summary>
/// "Forgot password": mails a registered user a single-use link with a short lifetime; a newer request kills the
/// older links. The caller gets the same answer whether the email is registered or not, and both paths commit one
/// write (the reset and its mail, or an audit entry of the attempt), so neither the answer nor its timing tells.
/// </summary>
public sealed class RequestPasswordReset(
    RosterDbContext db, UserManager<User> users, OutboxSignal signal, IOptions<SecurityOptions> security,
    PublicAddress address, TimeProvider clock)
{
    public async Task<Result> HandleAsync(PasswordResetRequest request, CancellationToken ct = default)
    {
        var invalid = UserRules.ValidateEmail(request.Email);
        if (invalid is not null) return invalid;
        var email = request.Email!.Trim();
        var normalized = users.NormalizeEmail(email);
        // Someone invited who never registered has no password to reset; their invitation link is their way in.
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized && u.PasswordHash != null, ct);
        var now = clock.GetUtcNow();

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (user is null)
        {
            var anonymous = new Actor(ActorKind.System, "anonymous", "Anonymous", null, null, request.Ip, request.UserAgent);
            db.Record(anonymous, AuditAction.PasswordResetRequested, "email", email.Length > 64 ? email[..64] : email, null, now,
                changes: new { registered = false });
        }
        else
        {
            await db.PasswordResets.Where(r => r.UserId == user.Id).ExecuteDeleteAsync(ct);
            var token = Secrets.New();
            var reset = new PasswordReset
            {
                TokenHash = Secrets.Hash(token),
                UserId = user.Id,
                CreatedAt = now,
                ExpiresAt = now + security.Value.PasswordResetLifetime,
            };
            db.PasswordResets.Add(reset);
            var link = PasswordMail.ResetUrl(address, token);
            PasswordMail.ResetLink(db, user.Email!, user.Name, link, reset.ExpiresAt, now);
            var actor = new Actor(ActorKind.User, user.Id, user.Name, null, null, request.Ip, request.UserAgent);
            await db.RecordPersonalAsync(actor, AuditAction.PasswordResetRequested, user.Id, user.Name, now, null, ct);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (user is not null) signal.Poke();
        return Result.Ok();
    }
}
