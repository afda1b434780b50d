using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Modules;
using Roster.Querying;
using Roster.Security;

namespace Roster.Partners;

/// <summary>The partners of the actor's active account by name, and whether the actor may change partnerships.</summary>
public sealed record PartnerOverview(IReadOnlyList<PartnerView> Partners, bool CanEdit);

/// <summary>The partnerships of the account an actor acts in that have not ended; everyone in the account reads them.</summary>
public sealed class PartnerList(RosterDbContext db)
{
    public async Task<Result<RqlPage<PartnerView>>> ReadAsync(Actor actor, RqlQuery query, CancellationToken ct = default)
    {
        var allowed = await PartnerAccess.RequireReaderAsync(db, actor, ct);
        if (!allowed.Succeeded) return allowed.Error;
        var page = await PartnerListing.Resource.ReadPageAsync(
            PartnerListing.Rows(db, allowed.Value).AsNoTracking(), query, RqlDialect.For(db.Provider), ct);
        if (!page.Succeeded) return page.Error;
        return new RqlPage<PartnerView>(await PartnerViews.ForPageAsync(db, page.Value.Rows, ct), page.Value.Total);
    }

    public async Task<Result<PartnerView>> FindAsync(Actor actor, string partnerId, CancellationToken ct = default)
    {
        var allowed = await PartnerAccess.RequireReaderAsync(db, actor, ct);
        if (!allowed.Succeeded) return allowed.Error;
        var view = await PartnerViews.FindAsync(db, allowed.Value, partnerId, ct);
        return view is null ? PartnerErrors.NotFound : view;
    }

    public async Task<Result<PartnerOverview>> OverviewAsync(Actor actor, CancellationToken ct = default)
    {
        var allowed = await PartnerAccess.RequireReaderAsync(db, actor, ct);
        if (!allowed.Succeeded) return allowed.Error;
        var rows = await PartnerListing.Rows(db, allowed.Value).AsNoTracking().OrderBy(r => r.Name).ThenBy(r => r.Id).ToListAsync(ct);
        var canEdit = await db.HasModuleAsync(actor, allowed.Value, ModuleCatalog.Account, ct);
        return new PartnerOverview(await PartnerViews.ForPageAsync(db, rows, ct), canEdit);
    }
}
