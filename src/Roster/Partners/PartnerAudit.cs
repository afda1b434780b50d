using Microsoft.EntityFrameworkCore;
using Roster.Audit;
using Roster.Common;
using Roster.Data;

namespace Roster.Partners;

/// <summary>A partnership change is written to the audit trail of both accounts, each naming the other as the object.</summary>
public static class PartnerAudit
{
    public static async Task RecordBothAsync(
        RosterDbContext db, Actor actor, AuditAction action, Partnership partnership, DateTimeOffset at, CancellationToken ct)
    {
        var names = await db.Accounts
            .Where(a => a.Id == partnership.InviterAccountId || a.Id == partnership.InviteeAccountId)
            .Select(a => new { a.Id, a.Name }).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        foreach (var accountId in new[] { partnership.InviterAccountId, partnership.InviteeAccountId })
        {
            var other = partnership.OtherThan(accountId);
            db.Record(actor, action, "partner", other, names.GetValueOrDefault(other), at, accountId,
                new { partnership = partnership.Id, by_account = actor.AccountId, status = partnership.Status.ToString().ToLowerInvariant() });
        }
    }
}
