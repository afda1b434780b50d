using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Querying;

namespace Roster.Sso;

/// <summary>The domains of the caller's active account, for holders of the Account module.</summary>
public sealed class DomainList(RosterDbContext db)
{
    public async Task<Result<RqlPage<DomainView>>> ReadAsync(Actor actor, RqlQuery query, CancellationToken ct = default)
    {
        var allowed = await DomainQueries.RequireManagerAsync(db, actor, ct);
        if (!allowed.Succeeded) return allowed.Error;
        var domains = db.Domains.AsNoTracking().Where(d => d.AccountId == actor.AccountId);
        var page = await SsoListing.Domains.ReadPageAsync(domains, query, RqlDialect.For(db.Provider), ct);
        if (!page.Succeeded) return page.Error;
        var providers = await ProvidersAsync(actor.AccountId!, ct);
        return page.Value.Select(d => DomainView.Of(d, d.IdentityProviderId is { } id ? providers.GetValueOrDefault(id) : null));
    }

    /// <summary>Every domain of the account, by name, as the Single Sign On page lists them.</summary>
    public async Task<Result<IReadOnlyList<DomainView>>> AllAsync(Actor actor, CancellationToken ct = default)
    {
        var allowed = await DomainQueries.RequireManagerAsync(db, actor, ct);
        if (!allowed.Succeeded) return allowed.Error;
        var domains = await db.Domains.AsNoTracking().Where(d => d.AccountId == actor.AccountId).OrderBy(d => d.Name).ToListAsync(ct);
        var providers = await ProvidersAsync(actor.AccountId!, ct);
        return Result<IReadOnlyList<DomainView>>.Ok(
            [.. domains.Select(d => DomainView.Of(d, d.IdentityProviderId is { } id ? providers.GetValueOrDefault(id) : null))]);
    }

    public async Task<Result<DomainView>> FindAsync(Actor actor, string domainId, CancellationToken ct = default)
    {
        var allowed = await DomainQueries.RequireManagerAsync(db, actor, ct);
        if (!allowed.Succeeded) return allowed.Error;
        var domain = await db.Domains.AsNoTracking().SingleOrDefaultAsync(d => d.Id == domainId && d.AccountId == actor.AccountId, ct);
        return domain is null ? Error.NotFound("domain") : await DomainQueries.ViewAsync(db, domain, ct);
    }

    /// <summary>
    /// How many people enforcing the domain affects: every Roster user whose email is in it, whichever accounts they
    /// belong to, since a person signs in once for all of them.
    /// </summary>
    public async Task<Result<int>> PeopleAsync(Actor actor, string domainId, string providerId, CancellationToken ct = default)
    {
        var found = await FindAsync(actor, domainId, ct);
        if (!found.Succeeded) return found.Error;
        // People the account pointed at another provider (or at Roster's password) keep theirs.
        var name = found.Value.Name;
        return await db.Users.CountAsync(u => u.EmailDomain == name
            && !db.DomainUsers.Any(p => p.DomainId == domainId && p.UserId == u.Id && p.IdentityProviderId != providerId), ct);
    }

    private Task<Dictionary<string, IdentityProvider>> ProvidersAsync(string accountId, CancellationToken ct) =>
        db.IdentityProviders.AsNoTracking().Where(p => p.AccountId == accountId).ToDictionaryAsync(p => p.Id, ct);
}
