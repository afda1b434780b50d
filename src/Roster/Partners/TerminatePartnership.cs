using Microsoft.EntityFrameworkCore;
using Roster.Audit;
using Roster.Common;
using Roster.Data;

namespace Roster.Partners;

/// <summary>
/// Either side ends the partnership, whether it is still an invitation or active. It stops appearing at once and
/// neither side sees the other's contacts any more; the row is kept for the record.
/// </summary>
public sealed class TerminatePartnership(RosterDbContext db, TimeProvider clock)
{
    public async Task<Result<PartnerView>> HandleAsync(string partnerId, Actor actor, CancellationToken ct = default)
    {
        var opened = await PartnerAccess.LockCurrentAsync(db, actor, partnerId, ct);
        if (!opened.Succeeded) return opened.Error;
        await using var locked = opened.Value;
        var (accountId, partnership, transaction) = locked;
        var row = await PartnerListing.Rows(db, accountId).AsNoTracking().SingleAsync(r => r.PartnershipId == partnership.Id, ct);

        var now = clock.GetUtcNow();
        partnership.Status = PartnershipStatus.Terminated;
        partnership.TerminatedAt = now;
        partnership.TerminatedByAccountId = accountId;
        await PartnerAudit.RecordBothAsync(db, actor, AuditAction.PartnerTerminated, partnership, now, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new PartnerView(new PartnerRow
        {
            PartnershipId = row.PartnershipId, Id = row.Id, Name = row.Name, Role = row.Role, Status = PartnershipStatus.Terminated,
            InvitedByUs = row.InvitedByUs, CreatedAt = row.CreatedAt, CreatedByName = row.CreatedByName, AcceptedAt = row.AcceptedAt,
        }, null);
    }
}
