using Microsoft.EntityFrameworkCore;
using Roster.Audit;
using Roster.Common;
using Roster.Data;

namespace Roster.Partners;

/// <summary>
/// The caller's account invites another account to partner with it. A pair has at most one partnership that has not
/// ended: checked under the lock of both accounts, so two invitations crossing each other cannot both pass.
/// </summary>
public sealed class InvitePartner(RosterDbContext db, TimeProvider clock)
{
    public async Task<Result<PartnerView>> HandleAsync(string? partnerId, Actor actor, CancellationToken ct = default)
    {
        var allowed = await PartnerAccess.RequireManagerAsync(db, actor, ct);
        if (!allowed.Succeeded) return allowed.Error;
        var accountId = allowed.Value;
        partnerId = partnerId?.Trim();
        if (string.IsNullOrEmpty(partnerId)) return PartnerErrors.AccountRequired;
        if (partnerId == accountId) return PartnerErrors.Self;
        if (!await db.Accounts.AnyAsync(a => a.Id == partnerId, ct)) return PartnerErrors.UnknownAccount;

        var locked = await PartnerAccess.LockPairAsync(db, actor, accountId, partnerId, ct);
        if (!locked.Succeeded) return locked.Error;
        await using var transaction = locked.Value;
        if (await PartnerAccess.FindCurrentAsync(db, accountId, partnerId, ct) is not null) return PartnerErrors.AlreadyPartners;

        var now = clock.GetUtcNow();
        var partnership = new Partnership
        {
            Id = Ids.NewPartnershipId(),
            InviterAccountId = accountId,
            InviteeAccountId = partnerId,
            Status = PartnershipStatus.Invited,
            CreatedAt = now,
            CreatedById = actor.Id,
            CreatedByName = actor.Name,
        };
        db.Partnerships.Add(partnership);
        await PartnerAudit.RecordBothAsync(db, actor, AuditAction.PartnerInvited, partnership, now, ct);
        await db.SaveChangesAsync(ct);
        // Read in the transaction: once the commit is acknowledged, nothing may fail and hide that it was.
        var view = (await PartnerViews.FindAsync(db, accountId, partnerId, ct))!;
        await transaction.CommitAsync(ct);
        return view;
    }
}
