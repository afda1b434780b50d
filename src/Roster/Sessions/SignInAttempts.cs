using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
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
/// strangers.
/// </summary>
public sealed class SignInAttempts(RosterDbContext db, TimeProvider clock, IOptions<SecurityOptions> options)
{
    /// <summary>True when an attempt was taken and the proof may be checked; false while the client is locked out.</summary>
    public Task<bool> TryTakeAsync(User user, SignInClient client, CancellationToken ct) =>
        db.TryTakeAttemptAsync(user.Id, client.Scope, options.Value.LockoutAttempts, options.Value.LockoutDuration, clock.GetUtcNow(), ct);

    /// <summary>The proof held: its attempt was no failure.</summary>
    public Task GiveBackAsync(User user, SignInClient client, CancellationToken ct) => db.GiveBackAttemptAsync(user.Id, client.Scope, ct);

    /// <summary>A wrong proof: its attempt stays taken, and the failure is audited.</summary>
    public Task FailAsync(User user, Actor actor, string reason, CancellationToken ct) => RecordAsync(user, actor, reason, ct);

    /// <summary>An attempt while locked out: recorded, not counted, so the lockout does not keep extending itself.</summary>
    public Task RefuseLockedAsync(User user, Actor actor, CancellationToken ct) => RecordAsync(user, actor, "locked_out", ct);

    /// <summary>
    /// Lets every client of the user try again (a reset proved the mailbox). The count of reset mails stays.
    /// Added to the caller's transaction when it has one.
    /// </summary>
    public Task LiftAsync(string userId, CancellationToken ct) =>
        db.AttemptCounters.Where(c => c.UserId == userId && c.Scope != AttemptCounter.PasswordResets).ExecuteDeleteAsync(ct);

    private async Task RecordAsync(User user, Actor actor, string reason, CancellationToken ct)
    {
        db.RecordPersonal(actor, AuditAction.SignInFailed, user.Id, user.Name, clock.GetUtcNow(), new { reason });
        await db.SaveChangesAsync(ct);
    }
}
