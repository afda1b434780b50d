using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Modules;
using Roster.Security;

namespace Roster.Sso;

/// <summary>One verified domain's sign-in policy: its provider, whether it is enforced, and how many people it covers.</summary>
public sealed record DomainPolicyView(string DomainId, string Name, ProviderRef? Provider, bool Enforce, long People);

/// <summary>
/// The sign-in side of Users › Policies: each of the active account's verified domains with its provider and
/// enforcement, and the providers a person can be pointed at; for holders of the Account module.
/// </summary>
public sealed class SignInPolicies(RosterDbContext db)
{
    public async Task<Result<IReadOnlyList<DomainPolicyView>>> ReadAsync(Actor actor, CancellationToken ct = default)
    {
        var allowed = await AllowedAsync(actor, ct);
        if (!allowed.Succeeded) return allowed.Error;
        var accountId = allowed.Value;
        var domains = await db.Domains.AsNoTracking().Where(d => d.AccountId == accountId && d.Status == DomainStatus.Verified)
            .OrderBy(d => d.Name)
            .Select(d => new
            {
                d.Id, d.Name, d.Enforce,
                Provider = db.IdentityProviders.Where(p => p.Id == d.IdentityProviderId).Select(p => new ProviderRef(p.Id, p.Name, p.Type)).FirstOrDefault(),
                People = db.Users.LongCount(u => u.EmailDomain == d.Name),
            })
            .ToListAsync(ct);
        return domains.Select(d => new DomainPolicyView(d.Id, d.Name, d.Provider, d.Enforce, d.People)).ToList();
    }

    /// <summary>The account's providers, Roster's own password sign-in (<c>system</c>) first.</summary>
    public async Task<Result<IReadOnlyList<ProviderRef>>> ProvidersAsync(Actor actor, CancellationToken ct = default)
    {
        var allowed = await AllowedAsync(actor, ct);
        if (!allowed.Succeeded) return allowed.Error;
        var accountId = allowed.Value;
        var providers = await db.IdentityProviders.AsNoTracking().Where(p => p.AccountId == accountId)
            .Select(p => new ProviderRef(p.Id, p.Name, p.Type)).ToListAsync(ct);
        return providers.OrderBy(p => p.Type != IdentityProviderType.System).ThenBy(p => p.Name, StringComparer.CurrentCulture).ToList();
    }

    private async Task<Result<string>> AllowedAsync(Actor actor, CancellationToken ct)
    {
        if (actor.AccountId is not { } accountId) return Error.NotFound("account");
        var allowed = await db.RequireModuleAsync(actor, accountId, ModuleCatalog.Account, ct);
        return allowed.Succeeded ? accountId : allowed.Error;
    }
}
