using Microsoft.EntityFrameworkCore;
using Roster.Audit;
using Roster.Common;
using Roster.Data;

namespace Roster.Sso;

/// <summary>
/// A null field keeps its value. <paramref name="ProviderGiven"/> says whether the provider is to change at all; then a
/// null <paramref name="ProviderId"/> detaches it.
/// </summary>
public sealed record UpdateDomainRequest(
    string DomainId, string? DisplayName, string? Description, bool ProviderGiven, string? ProviderId, bool? Enforce);

/// <summary>Renames a domain, names the provider its people sign in through, and turns enforcement on or off.</summary>
public sealed class UpdateDomain(RosterDbContext db, TimeProvider clock)
{
    public async Task<Result<DomainView>> HandleAsync(UpdateDomainRequest request, Actor actor, CancellationToken ct = default)
    {
        var locked = await DomainQueries.LockAsync(db, actor, ct);
        if (!locked.Succeeded) return locked.Error;
        await using var transaction = locked.Value;
        var found = await DomainQueries.LoadAsync(db, actor, request.DomainId, ct);
        if (!found.Succeeded) return found.Error;
        if (DomainQueries.ValidateFields(request.DisplayName, request.Description) is { } invalid) return invalid;
        var domain = found.Value;

        var providerId = request.ProviderGiven ? request.ProviderId : domain.IdentityProviderId;
        IdentityProvider? provider = null;
        if (providerId is not null)
        {
            provider = await db.IdentityProviders.AsNoTracking().SingleOrDefaultAsync(p => p.Id == providerId && p.AccountId == domain.AccountId, ct);
            if (provider is null)
                return new Error("domain.idp_not_found", $"This account has no identity provider {providerId}.", Field: "auth.idp.id");
            if (provider.Type is not (IdentityProviderType.OpenId or IdentityProviderType.System))
                return new Error("domain.idp_unsupported", "A domain can use an OpenID Connect provider or Roster's own sign-in (system).", Field: "auth.idp.id");
        }
        var enforce = request.Enforce ?? domain.Enforce;
        if (enforce && domain.Status != DomainStatus.Verified)
            return new Error("domain.not_verified", $"Verify {domain.Name} before enforcing single sign-on for it.", Field: "auth.enforce");
        if (enforce && provider is not { Type: IdentityProviderType.OpenId })
            return new Error("domain.enforce_needs_openid", "Enforcing needs an OpenID Connect provider for the domain.", Field: "auth.enforce");

        var displayName = request.DisplayName is null ? domain.DisplayName : NullIfBlank(request.DisplayName.Trim());
        var description = request.Description is null ? domain.Description : NullIfBlank(request.Description);
        var before = Snapshot(domain.DisplayName, domain.Description, domain.IdentityProviderId);
        var after = Snapshot(displayName, description, providerId);
        var changed = before.Keys.Where(k => before[k] != after[k]).ToList();
        var enforcementChanged = enforce != domain.Enforce;
        if (changed.Count == 0 && !enforcementChanged) return DomainView.Of(domain, provider);

        var now = clock.GetUtcNow();
        domain.DisplayName = displayName;
        domain.Description = description;
        domain.IdentityProviderId = providerId;
        domain.Enforce = enforce;
        domain.UpdatedAt = now;
        domain.UpdatedById = actor.Id;
        domain.UpdatedByName = actor.Name;
        if (changed.Count > 0)
            db.Record(actor, AuditAction.DomainUpdated, "domain", domain.Id, domain.Name, now, changes: new
            {
                before = changed.ToDictionary(k => k, k => before[k]),
                after = changed.ToDictionary(k => k, k => after[k]),
            });
        if (enforcementChanged)
            db.Record(actor, AuditAction.DomainEnforcementChanged, "domain", domain.Id, domain.Name, now,
                changes: new { enforce, idp = provider is null ? null : new { id = provider.Id, name = provider.Name } });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return DomainView.Of(domain, provider);
    }

    private static string? NullIfBlank(string value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static Dictionary<string, string?> Snapshot(string? name, string? description, string? providerId) => new()
    {
        ["name"] = name,
        ["description"] = description,
        ["auth.idp.id"] = providerId,
    };
}
