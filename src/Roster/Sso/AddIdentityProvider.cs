using Roster.Audit;
using Roster.Common;
using Roster.Data;

namespace Roster.Sso;

public sealed record AddIdentityProviderRequest(
    string? Name, string? Description, string? ExternalId, string? Type, OpenIdSettingsInput? Settings);

/// <summary>Connects an identity provider to the caller's account: OpenID Connect, or Roster's own sign-in (system).</summary>
public sealed class AddIdentityProvider(RosterDbContext db, TimeProvider clock, ClientSecrets secrets)
{
    public static readonly Error SamlUnsupported = new("idp.saml_unsupported",
        "SAML providers are not supported yet. Connect the provider through OpenID Connect (type openid) instead.", Field: "type");

    public async Task<Result<IdentityProviderView>> HandleAsync(AddIdentityProviderRequest request, Actor actor, CancellationToken ct = default)
    {
        var locked = await DomainQueries.LockAsync(db, actor, ct);
        if (!locked.Succeeded) return locked.Error;
        await using var transaction = locked.Value;
        var type = request.Type?.Trim().ToLowerInvariant() switch
        {
            null or "" => (IdentityProviderType?)null,
            "openid" => IdentityProviderType.OpenId,
            "system" => IdentityProviderType.System,
            "saml" => IdentityProviderType.Saml,
            _ => (IdentityProviderType?)(-1),
        };
        if (type is null) return new Error("idp.type_required", "The provider's type is required: openid or system.", Field: "type");
        if (!Enum.IsDefined(type.Value)) return new Error("idp.type_invalid", $"Unknown provider type '{request.Type}'. Use openid or system.", Field: "type");
        if (type == IdentityProviderType.Saml) return SamlUnsupported;
        var invalid = IdentityProviderInput.ValidateFields(request.Name, request.Description, request.ExternalId, nameRequired: true);

        var now = clock.GetUtcNow();
        var provider = new IdentityProvider
        {
            Id = Ids.NewIdentityProviderId(),
            AccountId = actor.AccountId!,
            Name = request.Name?.Trim() ?? "",
            Description = string.IsNullOrEmpty(request.Description) ? null : request.Description,
            ExternalId = string.IsNullOrEmpty(request.ExternalId) ? null : request.ExternalId,
            Type = type.Value,
            CreatedAt = now,
            CreatedById = actor.Id,
            CreatedByName = actor.Name,
            UpdatedAt = now,
            UpdatedById = actor.Id,
            UpdatedByName = actor.Name,
        };
        var wrong = type == IdentityProviderType.OpenId
            ? IdentityProviderInput.Apply(provider, request.Settings ?? new OpenIdSettingsInput(), secrets)
            : null;
        if (Error.Of(invalid, wrong) is { } problems) return problems;
        db.IdentityProviders.Add(provider);
        db.Record(actor, AuditAction.IdentityProviderAdded, "idp", provider.Id, provider.Name, now,
            changes: IdentityProviderAudit.Snapshot(provider));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return IdentityProviderView.Of(provider);
    }
}

/// <summary>What an audit entry says about a provider: its settings, and never its secret.</summary>
internal static class IdentityProviderAudit
{
    public static Dictionary<string, object?> Snapshot(IdentityProvider p) => new()
    {
        ["name"] = p.Name,
        ["description"] = p.Description,
        ["external_id"] = p.ExternalId,
        ["type"] = p.Type.ToString().ToLowerInvariant(),
        ["issuer"] = p.Issuer,
        ["client_id"] = p.ClientId,
        ["scopes"] = p.Scopes,
        ["user.attributes.external_id"] = p.ExternalIdClaim,
        ["user.attributes.email"] = p.EmailClaim,
        ["user.attributes.name"] = p.NameClaim,
        ["user.notice"] = p.Notice,
        ["group.attributes.external_id"] = p.GroupsClaim,
        ["group.auto"] = p.GroupsAuto,
    };
}
