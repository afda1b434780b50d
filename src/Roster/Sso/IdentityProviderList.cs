using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Querying;

namespace Roster.Sso;

/// <summary>The identity providers of the caller's active account, for holders of the Account module.</summary>
public sealed class IdentityProviderList(RosterDbContext db)
{
    public async Task<Result<RqlPage<IdentityProviderView>>> ReadAsync(Actor actor, RqlQuery query, CancellationToken ct = default)
    {
        var allowed = await DomainQueries.RequireManagerAsync(db, actor, ct);
        if (!allowed.Succeeded) return allowed.Error;
        var providers = db.IdentityProviders.AsNoTracking().Where(p => p.AccountId == actor.AccountId);
        var page = await SsoListing.Providers.ReadPageAsync(providers, query, RqlDialect.For(db.Provider), ct);
        return page.Succeeded ? page.Value.Select(IdentityProviderView.Of) : page.Error;
    }

    public async Task<Result<IReadOnlyList<IdentityProviderView>>> AllAsync(Actor actor, CancellationToken ct = default)
    {
        var allowed = await DomainQueries.RequireManagerAsync(db, actor, ct);
        if (!allowed.Succeeded) return allowed.Error;
        var providers = await db.IdentityProviders.AsNoTracking().Where(p => p.AccountId == actor.AccountId).OrderBy(p => p.Name).ToListAsync(ct);
        return Result<IReadOnlyList<IdentityProviderView>>.Ok([.. providers.Select(IdentityProviderView.Of)]);
    }

    public async Task<Result<IdentityProviderView>> FindAsync(Actor actor, string providerId, CancellationToken ct = default)
    {
        var allowed = await DomainQueries.RequireManagerAsync(db, actor, ct);
        if (!allowed.Succeeded) return allowed.Error;
        var provider = await db.IdentityProviders.AsNoTracking().SingleOrDefaultAsync(p => p.Id == providerId && p.AccountId == actor.AccountId, ct);
        return provider is null ? Error.NotFound("idp") : IdentityProviderView.Of(provider);
    }
}
