using Microsoft.EntityFrameworkCore;
using Roster.Contacts;
using Roster.Data;

namespace Roster.Partners;

/// <summary>A partner with its contacts, which are present only while the partnership is active.</summary>
public sealed record PartnerView(PartnerRow Partner, IReadOnlyList<ContactView>? Contacts);

public static class PartnerViews
{
    public static async Task<IReadOnlyList<PartnerView>> ForPageAsync(RosterDbContext db, IReadOnlyList<PartnerRow> rows, CancellationToken ct)
    {
        var active = rows.Where(r => r.Status == PartnershipStatus.Active).Select(r => r.Id).Distinct().ToList();
        var contacts = await ContactQueries.ForAccountsAsync(db, active, ct);
        return [.. rows.Select(r => new PartnerView(r,
            r.Status == PartnershipStatus.Active ? contacts.GetValueOrDefault(r.Id) ?? [] : null))];
    }

    /// <summary>The caller's partner <paramref name="partnerId"/>, or null when there is no partnership that has not ended.</summary>
    public static async Task<PartnerView?> FindAsync(RosterDbContext db, string accountId, string partnerId, CancellationToken ct)
    {
        var row = await PartnerListing.Rows(db, accountId).AsNoTracking().FirstOrDefaultAsync(r => r.Id == partnerId, ct);
        return row is null ? null : (await ForPageAsync(db, [row], ct))[0];
    }
}
