using Microsoft.EntityFrameworkCore;
using Roster.Audit;
using Roster.Common;
using Roster.Data;

namespace Roster.Sso;

public sealed record RemovedIdentityProvider(string Id, string Name);

/// <summary>Disconnects a provider no domain and no person signs in through any more.</summary>
public sealed class RemoveIdentityProvider(RosterDbContext db, TimeProvider clock)
{
    public async Task<Result<RemovedIdentityProvider>> HandleAsync(string providerId, Actor actor, CancellationToken ct = default)
    {
        var locked = await DomainQueries.LockAsync(db, actor, ct);
        if (!locked.Succeeded) return locked.Error;
        await using var transaction = locked.Value;
        var provider = await db.IdentityProviders.SingleOrDefaultAsync(p => p.Id == providerId && p.AccountId == actor.AccountId, ct);
        if (provider is null) return Error.NotFound("idp");
        var domains = await db.Domains.Where(d => d.IdentityProviderId == provider.Id).Select(d => d.Name).ToListAsync(ct);
        var people = await db.DomainUsers.CountAsync(p => p.IdentityProviderId == provider.Id, ct);
        if (domains.Count > 0 || people > 0)
            return new Error("idp.in_use", domains.Count > 0
                ? $"{provider.Name} serves {string.Join(", ", domains)}. Point those domains at another provider first."
                : $"{people} people of this account's domains sign in through {provider.Name}. Point them at another provider first.");
        db.IdentityProviders.Remove(provider);
        db.Record(actor, AuditAction.IdentityProviderRemoved, "idp", provider.Id, provider.Name, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new RemovedIdentityProvider(provider.Id, provider.Name);
    }
}
