using Roster.Audit;
using Roster.Common;
using Roster.Data;

namespace Roster.Partners;

/// <summary>The invited account accepts: invited -> active, and from then on each side sees the other's contacts.</summary>
public sealed class AcceptPartnership(RosterDbContext db, TimeProvider clock)
{
    public async Task<Result<PartnerView>> HandleAsync(string partnerId, Actor actor, CancellationToken ct = default)
    {
        var opened = await PartnerAccess.LockCurrentAsync(db, actor, partnerId, ct);
        if (!opened.Succeeded) return opened.Error;
        await using var locked = opened.Value;
        var (accountId, partnership, transaction) = locked;
        if (partnership.Status == PartnershipStatus.Active) return PartnerErrors.NotInvited;
        if (partnership.InviteeAccountId != accountId) return PartnerErrors.NotInvitee;

        var now = clock.GetUtcNow();
        partnership.Status = PartnershipStatus.Active;
        partnership.AcceptedAt = now;
        await PartnerAudit.RecordBothAsync(db, actor, AuditAction.PartnerAccepted, partnership, now, ct);
        await db.SaveChangesAsync(ct);
        // Read in the transaction: once the commit is acknowledged, nothing may fail and hide that it was.
        var view = (await PartnerViews.FindAsync(db, accountId, partnerId, ct))!;
        await transaction.CommitAsync(ct);
        return view;
    }
}
