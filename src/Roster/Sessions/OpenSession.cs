using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Users;

namespace Roster.Sessions;

/// <summary>
/// The signed-in user, the account the session starts in, the cookie secret (shown only here), and the device cookie
/// for the client to keep (<see cref="DeviceCookies"/>).
/// </summary>
public sealed record SignedIn(Session Session, string Secret, User User, Account? Account, string DeviceCookie);

/// <summary>The identity provider a sign-in came through, and whether it said it asked for a second factor.</summary>
public sealed record SessionOrigin(string ProviderId, string ProviderName, bool ProviderMfa);

/// <summary>
/// The last step of every sign-in, once each factor it needs has been proven: the client's attempt is given back, a
/// session is created, the success is recorded, and the client is given its device cookie.
/// </summary>
public sealed class OpenSession(RosterDbContext db, SignInAttempts attempts, DeviceCookies devices, TimeProvider clock, RosterMetrics metrics)
{
    /// <param name="user">The user, tracked by this scope's context.</param>
    /// <param name="client">Whose attempt the sign-in took.</param>
    /// <param name="secondFactor">How the second factor was given ("authenticator", "recovery_code"), or null.</param>
    /// <param name="origin">The identity provider the person signed in through; null for Roster's own password.</param>
    public async Task<SignedIn> HandleAsync(
        User user, SignInClient client, string? ip, string? userAgent, string? secondFactor, SessionOrigin? origin, CancellationToken ct)
    {
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
            Ip = ip,
            UserAgent = Truncate(userAgent, 512),
            IdentityProviderId = origin?.ProviderId,
            ProviderMfa = origin?.ProviderMfa ?? false,
        };
        db.Sessions.Add(session);
        user.LastSignedInAt = now;
        // The account a session starts in is the user's current one, so that losing it later can be named.
        if (account is not null) user.LastAccountId = account.Id;
        var actor = new Actor(ActorKind.User, user.Id, user.Name, account?.Id, session.Id, ip, session.UserAgent);
        db.Record(actor, AuditAction.SignInSucceeded, "user", user.Id, user.Name, now,
            changes: Changes(secondFactor, origin));
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await attempts.GiveBackAsync(user, client, ct);
            await db.Memberships.Where(m => m.UserId == user.Id).ExecuteUpdateAsync(m => m.SetProperty(x => x.SignedInAt, now), ct);
            // Last: the audit entry moves its account's counter of sign-ins, which every sign-in to the account locks
            // until its commit, so that lock is held for the commit alone.
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        metrics.SignInSucceeded(origin is not null);
        return new SignedIn(session, secret, user, account, devices.Issue(user, client));
    }

    private async Task<Account?> StartingAccountAsync(User user, CancellationToken ct)
    {
        var accounts = db.Memberships
            .Where(m => m.UserId == user.Id && m.Status == MembershipStatus.Active)
            .Select(m => m.Account!);
        return await accounts.FirstOrDefaultAsync(a => a.Id == user.LastAccountId, ct)
               ?? await accounts.OrderBy(a => a.Name).ThenBy(a => a.Id).FirstOrDefaultAsync(ct);
    }

    private static object? Changes(string? secondFactor, SessionOrigin? origin) => origin is null
        ? secondFactor is null ? null : new { second_factor = secondFactor }
        : new { second_factor = secondFactor, identity_provider = new { id = origin.ProviderId, name = origin.ProviderName }, provider_mfa = origin.ProviderMfa };

    private static string? Truncate(string? value, int length) => value is null || value.Length <= length ? value : value[..length];
}
