using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Profile;

namespace Roster.Users;

/// <summary>
/// Removes a user from one account: their groups, invitations and access there go at once; their other accounts
/// stay. Refused when it would leave the account without anyone who can invite. Removing oneself is leaving, which
/// every member may do (<see cref="LeaveAccount"/>).
/// </summary>
public sealed class RemoveMember(RosterDbContext db, LeaveAccount leave, TimeProvider clock)
{
    public async Task<Result> HandleAsync(string accountId, string userId, Actor actor, CancellationToken ct = default)
    {
        if (actor.IsUser && userId == actor.Id)
        {
            var left = await leave.HandleAsync(userId, accountId, actor, ct);
            return left.Succeeded ? Result.Ok() : left.Error;
        }
        var locked = await MemberAccess.LockAsync(db, actor, accountId, ct);
        if (!locked.Succeeded) return locked.Error;
        await using var transaction = locked.Value;
        var found = await MemberAccess.FindAsync(db, accountId, userId, ct);
        if (!found.Succeeded) return found.Error;
        var membership = found.Value;

        db.Memberships.Remove(membership);
        db.Record(actor, AuditAction.MemberRemoved, "user", userId, membership.Name, clock.GetUtcNow(), accountId,
            new { email = membership.Email, status = membership.Status.ToString().ToLowerInvariant() });
        // In the same transaction, so the removal and the forgetting are one change, acknowledged once.
        var saved = await AccountGuard.SaveKeepingInviterAsync(db, transaction, accountId, c => ForgetUnregisteredAsync(userId, c), ct);
        return saved.Succeeded ? Result.Ok() : saved.Error;
    }

    /// <summary>Someone invited who never registered and belongs nowhere any more leaves no user behind.</summary>
    private Task<int> ForgetUnregisteredAsync(string userId, CancellationToken ct) =>
        db.Users.Where(u => u.Id == userId && u.PasswordHash == null && !db.Memberships.Any(m => m.UserId == userId) && !db.UserLogins.Any(l => l.UserId == userId))
            .ExecuteDeleteAsync(ct);
}
