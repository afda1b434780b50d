using Roster.Accounts;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Mail;
using Roster.Users;

namespace Roster.Invitations;

/// <summary>
/// Connect's "activate" of an account user, in Roster's lifecycle: an expired invitation (run out or revoked) becomes
/// pending again with a new link, or the person joins at once when they registered meanwhile. An invited or active
/// member is already as asked and stays untouched, so a repeated or concurrent activation mails once. It never makes
/// anyone active who has not accepted, and hands out only modules the actor holds, as re-inviting does.
/// </summary>
public sealed class ActivateMember(RosterDbContext db, InvitationIssuer issuer, MemberViews views, OutboxSignal signal, TimeProvider clock)
{
    public async Task<Result<MemberChange>> HandleAsync(string accountId, string userId, Actor actor, CancellationToken ct = default)
    {
        var locked = await MemberAccess.LockAsync(db, actor, accountId, ct);
        if (!locked.Succeeded) return locked.Error;
        await using var transaction = locked.Value;
        var found = await MemberAccess.FindAsync(db, accountId, userId, ct);
        if (!found.Succeeded) return found.Error;
        var membership = found.Value;
        if (membership.Status != MembershipStatus.Expired)
            return new MemberChange(await views.ForOneAsync(membership, withLinks: true, ct), MemberOutcome.Saved, Mailed: false);

        var reissued = await ReinviteMember.ReissueAsync(db, issuer, membership, actor, clock.GetUtcNow(), AuditAction.MemberActivated, ct);
        if (!reissued.Succeeded) return reissued.Error;
        await db.SaveChangesAsync(ct);
        var view = await views.ForOneAsync(membership, withLinks: true, ct);
        await transaction.CommitAsync(ct);
        signal.Poke();
        return new MemberChange(view, reissued.Value ? MemberOutcome.Joined : MemberOutcome.InvitationReissued, Mailed: !reissued.Value);
    }
}
