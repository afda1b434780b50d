using Microsoft.EntityFrameworkCore;
using Roster.Audit;
using Roster.Common;
using Roster.Data;

namespace Roster.Sso;

/// <summary>A null field keeps its value; an empty or missing client secret keeps the current one.</summary>
public sealed record UpdateIdentityProviderRequest(
    string ProviderId, string? Name, string? Description, string? ExternalId, OpenIdSettingsInput? Settings);

/// <summary>
/// Changes a provider. Each change grows its revision, which tells every node to rebuild its sign-in handler for it.
/// </summary>
public sealed class UpdateIdentityProvider(RosterDbContext db, TimeProvider clock, ClientSecrets secrets)
{
    public async Task<Result<IdentityProviderView>> HandleAsync(UpdateIdentityProviderRequest request, Actor actor, CancellationToken ct = default)
    {
        var locked = await DomainQueries.LockAsync(db, actor, ct);
        if (!locked.Succeeded) return locked.Error;
        await using var transaction = locked.Value;
        var provider = await db.IdentityProviders.SingleOrDefaultAsync(p => p.Id == request.ProviderId && p.AccountId == actor.AccountId, ct);
        if (provider is null) return Error.NotFound("idp");
        var invalid = IdentityProviderInput.ValidateFields(request.Name, request.Description, request.ExternalId, nameRequired: false);

        var before = IdentityProviderAudit.Snapshot(provider);
        var secretBefore = provider.ClientSecret;
        if (request.Name is not null && invalid is null) provider.Name = request.Name.Trim();
        if (request.Description is not null) provider.Description = request.Description.Length == 0 ? null : request.Description;
        if (request.ExternalId is not null) provider.ExternalId = request.ExternalId.Length == 0 ? null : request.ExternalId;
        var wrong = provider.Type == IdentityProviderType.OpenId && request.Settings is not null
            ? IdentityProviderInput.Apply(provider, request.Settings, secrets)
            : null;
        if (Error.Of(invalid, wrong) is { } problems) return problems;
        var after = IdentityProviderAudit.Snapshot(provider);
        var changed = before.Keys.Where(k => !Equals(before[k], after[k])).ToList();
        var secretChanged = provider.ClientSecret != secretBefore;
        if (changed.Count == 0 && !secretChanged) return IdentityProviderView.Of(provider);

        var now = clock.GetUtcNow();
        provider.Revision++;
        provider.UpdatedAt = now;
        provider.UpdatedById = actor.Id;
        provider.UpdatedByName = actor.Name;
        db.Record(actor, AuditAction.IdentityProviderUpdated, "idp", provider.Id, provider.Name, now, changes: new
        {
            before = changed.ToDictionary(k => k, k => before[k]),
            after = changed.ToDictionary(k => k, k => after[k]),
            client_secret_changed = secretChanged,
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return IdentityProviderView.Of(provider);
    }
}
