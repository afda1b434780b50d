using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Users;

namespace Roster.Invitations;

/// <summary>
/// Withdraws a pending invitation: its link dies and the member is expired (invited -> expired), with the moment and
/// the person who revoked it, so that nobody reads it as an invitation that ran out.
/// </summary>
public sealed class RevokeInvitation(RosterDbContext db, MemberViews views, TimeProvider clock)
{
    public async Task<Result<MemberView>> HandleAsync(string accountId, string userId, Actor actor, CancellationToken ct = default)
    {
        var locked = await MemberAccess.LockAsync(db, actor, accountId, ct);
        if (!locked.Succeeded) return locked.Error;
        await using var transaction = locked.Value;
        var found = await MemberAccess.FindAsync(db, accountId, userId, ct);
        if (!found.Succeeded) return found.Error;
        var membership = found.Value;
        if (membership.Status != MembershipStatus.Invited)
            return new Error("users.not_invited", "Only a pending invitation can be revoked.");

        var pending = await db.Invitations
            .Where(i => i.AccountId == accountId && i.UserId == userId && i.Status == InvitationStatus.Pending).ToListAsync(ct);
        foreach (var invitation in pending) invitation.Revoke();
        var now = clock.GetUtcNow();
        membership.Revoke(actor, now);
        db.Record(actor, AuditAction.InvitationRevoked, "user", userId, membership.Name, now, accountId, new { email = membership.Email });
        await db.SaveChangesAsync(ct);
        var view = await views.ForOneAsync(membership, withLinks: true, ct);
        await transaction.CommitAsync(ct);
        return view;
    }
}
