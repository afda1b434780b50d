using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Users;

namespace Roster.Sessions;

/// <summary>
/// Failed proofs of identity (a wrong password or second-factor code, at sign-in or when a change asks for the
/// password again): audited, counted atomically and, at the limit, locking the user out on Roster's clock
/// (Identity's own lockout reads the wall clock).
/// </summary>
public sealed class SignInFailures(RosterDbContext db, TimeProvider clock, IOptions<SecurityOptions> options)
{
    public bool IsLocked(User user) => user.LockoutEnd > clock.GetUtcNow();

    /// <summary>Counts in the database, so concurrent guesses cannot slip past the limit, and saves the audit entry.</summary>
    public async Task CountAsync(User user, Actor actor, string reason, CancellationToken ct)
    {
        await db.Users.Where(u => u.Id == user.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.AccessFailedCount, x => x.AccessFailedCount + 1), ct);
        var failures = await db.Users.Where(u => u.Id == user.Id).Select(u => u.AccessFailedCount).SingleAsync(ct);
        if (failures >= options.Value.LockoutAttempts)
        {
            var until = clock.GetUtcNow() + options.Value.LockoutDuration;
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u
                .SetProperty(x => x.AccessFailedCount, 0)
                .SetProperty(x => x.LockoutEnd, until), ct);
        }
        await RecordAsync(user, actor, reason, ct);
    }

    /// <summary>An attempt while locked out: recorded, not counted, so the lockout does not keep extending itself.</summary>
    public Task RefuseLockedAsync(User user, Actor actor, CancellationToken ct) => RecordAsync(user, actor, "locked_out", ct);

    private async Task RecordAsync(User user, Actor actor, string reason, CancellationToken ct)
    {
        db.RecordPersonal(actor, AuditAction.SignInFailed, user.Id, user.Name, clock.GetUtcNow(), new { reason });
        await db.SaveChangesAsync(ct);
    }
}
