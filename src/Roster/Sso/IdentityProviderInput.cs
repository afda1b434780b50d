using Roster.Common;

namespace Roster.Sso;

/// <summary>An OpenID provider's settings as given; a null field keeps its value (or takes the default when adding).</summary>
public sealed record OpenIdSettingsInput(
    string? Issuer = null, string? ClientId = null, string? ClientSecret = null, IReadOnlyList<string>? Scopes = null,
    string? ExternalIdClaim = null, string? EmailClaim = null, string? NameClaim = null, string? Notice = null,
    string? GroupsClaim = null, bool? GroupsAuto = null);

/// <summary>Applies and checks what a client sent for a provider: the same rules when adding and when changing one.</summary>
public static class IdentityProviderInput
{
    /// <summary>Every problem of the common fields at once.</summary>
    public static Error? ValidateFields(string? name, string? description, string? externalId, bool nameRequired) => Error.Of(
        nameRequired && string.IsNullOrWhiteSpace(name) ? new Error("idp.name_required", "The provider's name is required.", Field: "name")
        : name is not null && string.IsNullOrWhiteSpace(name) ? new Error("idp.name_required", "The provider's name cannot be empty.", Field: "name")
        : name?.Trim().Length > IdentityProvider.NameMaxLength
            ? new Error("idp.name_too_long", $"The name can have at most {IdentityProvider.NameMaxLength} characters.", Field: "name")
        : Names.Check(name, "idp.name_invalid", "The provider's name"),
        description?.Length > IdentityProvider.DescriptionMaxLength
            ? new Error("idp.description_too_long", $"The description can have at most {IdentityProvider.DescriptionMaxLength} characters.", Field: "description")
            : null,
        externalId?.Length > IdentityProvider.ExternalIdMaxLength
            ? new Error("idp.external_id_too_long", $"The external id can have at most {IdentityProvider.ExternalIdMaxLength} characters.", Field: "external_id")
            : null);

    /// <summary>
    /// Sets what <paramref name="input"/> gives on <paramref name="provider"/> and checks the result, every problem at
    /// once; the secret is protected here. A field with a problem keeps its value.
    /// </summary>
    public static Error? Apply(IdentityProvider provider, OpenIdSettingsInput input, ClientSecrets secrets)
    {
        var problems = new List<Error?>();
        if (input.Issuer is not null) provider.Issuer = input.Issuer.Trim();
        if (input.ClientId is not null) provider.ClientId = input.ClientId.Trim();
        if (input.Scopes is not null)
        {
            if (input.Scopes.Any(s => string.IsNullOrWhiteSpace(s) || s.Trim().Any(char.IsWhiteSpace) || Names.HasControlCharacters(s)))
                problems.Add(new Error("idp.scopes_invalid", "Each scope is one word without spaces, such as openid, email or profile.", Field: "settings.scopes"));
            else
                provider.Scopes = string.Join(' ', input.Scopes.Select(s => s.Trim()).Prepend("openid").Distinct(StringComparer.Ordinal));
        }
        problems.Add(Claim(input.ExternalIdClaim, "settings.user.attributes.external_id"));
        problems.Add(Claim(input.EmailClaim, "settings.user.attributes.email"));
        problems.Add(Claim(input.NameClaim, "settings.user.attributes.name"));
        if (input.GroupsClaim is { Length: > 0 }) problems.Add(Claim(input.GroupsClaim, "settings.group.attributes.external_id"));
        provider.ExternalIdClaim = input.ExternalIdClaim?.Trim() ?? provider.ExternalIdClaim;
        provider.EmailClaim = input.EmailClaim?.Trim() ?? provider.EmailClaim;
        provider.NameClaim = input.NameClaim?.Trim() ?? provider.NameClaim;
        if (input.GroupsClaim is not null) provider.GroupsClaim = input.GroupsClaim.Trim() is { Length: > 0 } groups ? groups : null;
        if (input.GroupsAuto is { } auto) provider.GroupsAuto = auto;
        if (input.Notice is { Length: > 1024 })
            problems.Add(new Error("idp.notice_too_long", "The notice can have at most 1024 characters.", Field: "settings.user.notice"));
        else if (input.Notice is not null)
            provider.Notice = input.Notice.Length == 0 ? null : input.Notice;

        problems.Add(string.IsNullOrEmpty(provider.Issuer)
            ? new Error("idp.issuer_required", "An OpenID provider needs its issuer, such as https://login.example.com.", Field: "settings.issuer")
            : IssuerProblem(provider.Issuer) is { } problem ? new Error("idp.issuer_invalid", problem, Field: "settings.issuer") : null);
        problems.Add(string.IsNullOrEmpty(provider.ClientId)
            ? new Error("idp.client_id_required", "An OpenID provider needs the client id it gave Roster.", Field: "settings.client_id")
            : provider.ClientId.Length > 256 || Names.HasControlCharacters(provider.ClientId)
                ? new Error("idp.client_id_invalid", "The client id can have at most 256 characters, on one line.", Field: "settings.client_id")
                : null);
        if (input.ClientSecret is { Length: > 1000 })
            problems.Add(new Error("idp.client_secret_too_long", "The client secret can have at most 1000 characters.", Field: "settings.client_secret"));
        else if (!string.IsNullOrEmpty(input.ClientSecret))
            provider.ClientSecret = secrets.Protect(input.ClientSecret);
        if (provider.ClientSecret is null && input.ClientSecret is not { Length: > 1000 })
            problems.Add(new Error("idp.client_secret_required", "An OpenID provider needs the client secret it gave Roster.", Field: "settings.client_secret"));
        if (provider.Scopes.Length > 512)
            problems.Add(new Error("idp.scopes_invalid", "The scopes can have at most 512 characters together.", Field: "settings.scopes"));
        return Error.Of(problems);
    }

    /// <summary>Why <paramref name="issuer"/> cannot be an OpenID issuer, or null.</summary>
    public static string? IssuerProblem(string issuer)
    {
        const string Expected = "The issuer must be an absolute https:// URL without query or fragment, such as https://login.example.com " +
                                "(http:// is accepted only for a loopback host: localhost, 127.0.0.1 or [::1]).";
        if (issuer.Length > IdentityProvider.IssuerMaxLength) return $"The issuer can have at most {IdentityProvider.IssuerMaxLength} characters.";
        if (!Uri.TryCreate(issuer, UriKind.Absolute, out var uri) || uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0)
            return Expected;
        if (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)) return null;
        return Expected;
    }

    private static Error? Claim(string? claim, string field)
    {
        if (claim is null) return null;
        if (string.IsNullOrWhiteSpace(claim) || claim.Trim().Length > IdentityProvider.ClaimMaxLength || Names.HasControlCharacters(claim))
            return new Error("idp.claim_invalid", $"{field} names a claim: one line of at most {IdentityProvider.ClaimMaxLength} characters.", Field: field);
        return null;
    }
}
