namespace Roster.Sso;

/// <summary>How the people a provider serves sign in (Connect's <c>auth.IDPCreate.type</c>).</summary>
public enum IdentityProviderType
{
    /// <summary>Roster's own password sign-in: pointing a person at it exempts them from their domain's provider.</summary>
    System,
    Saml,
    OpenId,
}

/// <summary>
/// An identity provider an account connects for the people of its verified domains. An OpenID provider's
/// <see cref="ClientSecret"/> is encrypted with Roster's data protection keys and never shown again.
/// <see cref="Revision"/> grows with every change, so each node rebuilds its sign-in handler for the provider.
/// </summary>
public class IdentityProvider
{
    public const int NameMaxLength = 128;
    public const int DescriptionMaxLength = 512;
    public const int ExternalIdMaxLength = 128;
    public const int ClaimMaxLength = 256;
    public const int IssuerMaxLength = 512;

    public required string Id { get; init; }
    public required string AccountId { get; init; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public string? ExternalId { get; set; }
    public IdentityProviderType Type { get; init; }

    public string? Issuer { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }

    /// <summary>Space-separated, as OpenID Connect sends them; <c>openid</c> is always asked for.</summary>
    public string Scopes { get; set; } = "openid email profile";

    /// <summary>The claims that carry the person's external id, email and name.</summary>
    public string ExternalIdClaim { get; set; } = "sub";
    public string EmailClaim { get; set; } = "email";
    public string NameClaim { get; set; } = "name";

    /// <summary>Shown on the sign-in page beside the provider's button.</summary>
    public string? Notice { get; set; }

    /// <summary>The claim that lists the person's groups at the provider, matched with groups' external ids.</summary>
    public string? GroupsClaim { get; set; }

    /// <summary>When on, each sign-in through the provider brings the person's groups in line with that claim.</summary>
    public bool GroupsAuto { get; set; }

    public int Revision { get; set; } = 1;
    public DateTimeOffset CreatedAt { get; init; }
    public string? CreatedById { get; init; }
    public string? CreatedByName { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedById { get; set; }
    public string? UpdatedByName { get; set; }
}
