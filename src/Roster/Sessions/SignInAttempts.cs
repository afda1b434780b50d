using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Mail;
using Roster.Security;
using Roster.Users;

namespace Roster.Sessions;

/// <summary>
/// Roster's lockout. Every proof of identity (a password or a second-factor code, at sign-in or when a change asks
/// for the password again) first takes one of its client's attempts in the database, and is checked only when it
/// got one: so however many guesses arrive at once, on however many nodes, no more than
/// <see cref="SecurityOptions.LockoutAttempts"/> are ever checked per <see cref="SecurityOptions.LockoutDuration"/>.
/// A failure keeps its attempt; a success gives its attempt back. Each device that signed in before counts on its own
/// (<see cref="DeviceCookies"/>); everyone else counts as the user's untrusted clients, so strangers lock out only
/// strangers. The failure that takes the last attempt pauses sign-in, says so with the time left, and mails the owner.
/// </summary>
public sealed class SignInAttempts(
    RosterDbContext db, TimeProvider clock, IOptions<SecurityOptions> options, PublicAddress address, OutboxSignal signal,
    RosterMetrics metrics)
{
    private int Limit => options.Value.LockoutAttempts;
    private TimeSpan Duration => options.Value.LockoutDuration;

    /// <summary>The answer while sign-in is paused, alike for every email: nothing in it says whether the user exists.</summary>
    public static Error Paused(TimeSpan left)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(left.TotalMinutes));
        return new Error("auth.sign_in_paused",
            $"Too many attempts. Try again in {minutes} {(minutes == 1 ? "minute" : "minutes")}.", ErrorKind.Unauthenticated);
    }

    /// <summary>The number of the attempt taken for the proof (1 to the limit), or null while the client is locked out.</summary>
    public Task<int?> TakeAsync(User user, SignInClient client, CancellationToken ct) =>
        db.TakeAttemptAsync(user.Id, client.Scope, Limit, Duration, clock.GetUtcNow(), ct);

    /// <summary>True when an attempt was taken and the proof may be checked; false while the client is locked out.</summary>
    public async Task<bool> TryTakeAsync(User user, SignInClient client, CancellationToken ct) => await TakeAsync(user, client, ct) is not null;

    /// <summary>
    /// A password tried for an email that has none to check (nobody has it, or its user never registered): counted
    /// under the email as a stranger's tries on a real user are, so that both get the same answers at the same count.
    /// Null while tries are left, else the answer that sign-in is paused.
    /// </summary>
    public async Task<Error?> TakeForEmailWithoutPasswordAsync(string normalizedEmail, CancellationToken ct)
    {
        var key = "sign-in:email:" + Secrets.Hash(normalizedEmail);
        var now = clock.GetUtcNow();
        var attempt = await db.TakeAddressAttemptAsync(key, Limit, Duration, now, ct);
        if (attempt is not null && attempt < Limit) return null;
        if (attempt == Limit) metrics.Lockouts.Add(1, new KeyValuePair<string, object?>("client", "email"));
        return Paused((await db.AddressWindowEndAsync(key, ct) ?? now + Duration) - now);
    }

    /// <summary>The proof held: its attempt was no failure.</summary>
    public Task GiveBackAsync(User user, SignInClient client, CancellationToken ct) => db.GiveBackAttemptAsync(user.Id, client.Scope, ct);

    /// <summary>
    /// A wrong proof on <paramref name="attempt"/>: it stays taken, and the failure is audited. When it was the last
    /// attempt, sign-in is now paused: the owner is mailed (once, as only one request holds the last attempt) and the
    /// answer to give is returned; otherwise null.
    /// </summary>
    public async Task<Error?> FailAsync(User user, SignInClient client, int attempt, Actor actor, string reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (attempt < Limit)
        {
            await RecordAsync(user, actor, new { reason }, ct);
            return null;
        }
        var until = await db.AttemptWindowEndAsync(user.Id, client.Scope, ct) ?? now + Duration;
        LockoutMail.Paused(db, user, actor.Ip, Limit, now, until, client == SignInClient.Untrusted, address);
        metrics.Lockouts.Add(1, new KeyValuePair<string, object?>("client", client == SignInClient.Untrusted ? "untrusted" : "device"));
        await RecordAsync(user, actor, new { reason, paused_until = until }, ct);
        signal.Poke();
        return Paused(until - now);
    }

    /// <summary>An attempt while locked out: recorded, not counted, so the lockout does not keep extending itself.</summary>
    public async Task<Error> RefuseLockedAsync(User user, SignInClient client, Actor actor, CancellationToken ct)
    {
        await RecordAsync(user, actor, new { reason = "locked_out" }, ct);
        var now = clock.GetUtcNow();
        return Paused((await db.AttemptWindowEndAsync(user.Id, client.Scope, ct) ?? now + Duration) - now);
    }

    /// <summary>
    /// Lets every client of the user try again (a reset proved the mailbox). The count of reset mails stays.
    /// Added to the caller's transaction when it has one.
    /// </summary>
    public Task LiftAsync(string userId, CancellationToken ct) =>
        db.AttemptCounters.Where(c => c.UserId == userId && c.Scope != AttemptCounter.PasswordResets).ExecuteDeleteAsync(ct);

    private async Task RecordAsync(User user, Actor actor, object changes, CancellationToken ct)
    {
        db.RecordPersonal(actor, AuditAction.SignInFailed, user.Id, user.Name, clock.GetUtcNow(), changes);
        await db.SaveChangesAsync(ct);
    }
}
