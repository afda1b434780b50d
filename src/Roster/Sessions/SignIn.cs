using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roster.Accounts;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Users;

namespace Roster.Sessions;

public sealed record SignInRequest(string? Email, string? Password, string? Ip, string? UserAgent);

/// <summary>The signed-in user, the account the session starts in, and the cookie secret (shown only here).</summary>
public sealed record SignedIn(Session Session, string Secret, User User, Account? Account);

/// <summary>
/// Password sign-in. Every failure (unknown email, wrong password, locked out) gives the same answer so that the
/// response never tells whether an email is registered; an unknown email still pays for a hash verification.
/// </summary>
public sealed class SignIn(
    RosterDbContext db, UserManager<User> users, IPasswordHasher<User> hasher, TimeProvider clock, IOptions<SecurityOptions> lockout)
{
    public static readonly Error InvalidCredentials =
        new("auth.invalid_credentials", "The email or password is incorrect, or the user is temporarily locked.", ErrorKind.Unauthenticated);

    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<User>().HashPassword(new User(), Secrets.New()));

    public async Task<Result<SignedIn>> HandleAsync(SignInRequest request, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
            return new Error("auth.credentials_required", "Enter your email and password.", ErrorKind.Validation);

        var normalized = users.NormalizeEmail(request.Email.Trim());
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, ct);
        if (user is null)
        {
            hasher.VerifyHashedPassword(new User(), DecoyHash.Value, request.Password);
            return InvalidCredentials;
        }
        if (user.LockoutEnd > clock.GetUtcNow())
        {
            hasher.VerifyHashedPassword(user, DecoyHash.Value, request.Password);
            RecordFailure(user, request, "locked_out");
            await db.SaveChangesAsync(ct);
            return InvalidCredentials;
        }
        var verdict = user.PasswordHash is null
            ? PasswordVerificationResult.Failed
            : hasher.VerifyHashedPassword(user, user.PasswordHash, request.Password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            await CountFailureAsync(user, ct);
            RecordFailure(user, request, "wrong_password");
            await db.SaveChangesAsync(ct);
            return InvalidCredentials;
        }
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
            user.PasswordHash = hasher.HashPassword(user, request.Password);
        user.AccessFailedCount = 0;
        user.LockoutEnd = null;

        var now = clock.GetUtcNow();
        var account = await StartingAccountAsync(user, ct);
        var secret = Secrets.New();
        var session = new Session
        {
            Id = Ids.NewSessionId(),
            SecretHash = Secrets.Hash(secret),
            UserId = user.Id,
            AccountId = account?.Id,
            Status = SessionStatus.Active,
            CreatedAt = now,
            LastSeenAt = now,
            Ip = request.Ip,
            UserAgent = Truncate(request.UserAgent, 512),
        };
        db.Sessions.Add(session);
        user.LastSignedInAt = now;
        var actor = new Actor(ActorKind.User, user.Id, user.Name, account?.Id, session.Id, request.Ip, session.UserAgent);
        db.Record(actor, AuditAction.SignInSucceeded, "user", user.Id, user.Name, now);
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await db.SaveChangesAsync(ct);
            await db.Memberships.Where(m => m.UserId == user.Id).ExecuteUpdateAsync(m => m.SetProperty(x => x.SignedInAt, now), ct);
            await transaction.CommitAsync(ct);
        }
        return new SignedIn(session, secret, user, account);
    }

    private async Task<Account?> StartingAccountAsync(User user, CancellationToken ct)
    {
        var accounts = db.Memberships
            .Where(m => m.UserId == user.Id && m.Status == MembershipStatus.Active)
            .Select(m => m.Account!);
        return await accounts.FirstOrDefaultAsync(a => a.Id == user.LastAccountId, ct)
               ?? await accounts.OrderBy(a => a.Name).ThenBy(a => a.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Counts a failure atomically in the database, so concurrent guesses cannot slip past the limit, and locks the
    /// user out once the limit is reached. Uses Roster's clock (Identity's lockout reads the wall clock).
    /// </summary>
    private async Task CountFailureAsync(User user, CancellationToken ct)
    {
        await db.Users.Where(u => u.Id == user.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.AccessFailedCount, x => x.AccessFailedCount + 1), ct);
        var failures = await db.Users.Where(u => u.Id == user.Id).Select(u => u.AccessFailedCount).SingleAsync(ct);
        if (failures < lockout.Value.LockoutAttempts) return;
        var until = clock.GetUtcNow() + lockout.Value.LockoutDuration;
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u
            .SetProperty(x => x.AccessFailedCount, 0)
            .SetProperty(x => x.LockoutEnd, until), ct);
    }

    private void RecordFailure(User user, SignInRequest request, string reason)
    {
        var actor = new Actor(ActorKind.User, user.Id, user.Name, null, null, request.Ip, Truncate(request.UserAgent, 512));
        db.Record(actor, AuditAction.SignInFailed, "user", user.Id, user.Name, clock.GetUtcNow(), changes: new { reason });
    }

    private static string? Truncate(string? value, int length) => value is null || value.Length <= length ? value : value[..length];
}
