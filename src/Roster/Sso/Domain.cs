namespace Roster.Sso;

/// <summary>Where a domain's claim stands (Connect's <c>auth.DomainAccount.status</c>).</summary>
public enum DomainStatus
{
    Pending,
    Verified,
    Failed,
    Rejected,
}

/// <summary>
/// An email domain an account claims. The account proves it owns the domain by publishing <see cref="Token"/> in a
/// DNS TXT record; a domain is <see cref="DomainStatus.Verified"/> for one account at a time (a unique index holds
/// that even when two nodes verify at once). Once verified, it may name the provider its people sign in through,
/// and <see cref="Enforce"/> it.
/// </summary>
public class Domain
{
    public const int NameMaxLength = 253;
    public const int DisplayNameMaxLength = 128;
    public const int DescriptionMaxLength = 512;
    public const int ReasonMaxLength = 512;

    public required string Id { get; init; }
    public required string AccountId { get; init; }

    /// <summary>The domain itself, lower case, without a trailing dot ("frontstreet.example").</summary>
    public required string Name { get; init; }

    /// <summary>Connect's <c>name</c>: what the account calls it.</summary>
    public string? DisplayName { get; set; }
    public string? Description { get; set; }

    /// <summary>The value to publish; not a secret, since DNS shows it to everyone.</summary>
    public required string Token { get; init; }

    public DomainStatus Status { get; set; }

    /// <summary>Why the last check failed or the claim was rejected.</summary>
    public string? Reason { get; set; }

    public string? IdentityProviderId { get; set; }
    public bool Enforce { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
    public string? CreatedById { get; init; }
    public string? CreatedByName { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedById { get; set; }
    public string? UpdatedByName { get; set; }
    public DateTimeOffset? VerifiedAt { get; set; }
    public DateTimeOffset? FailedAt { get; set; }
    public DateTimeOffset? RejectedAt { get; set; }

    /// <summary>When the record was last looked up, by a person or by the daily re-check.</summary>
    public DateTimeOffset? CheckedAt { get; set; }
}

/// <summary>
/// A person of a verified domain whom the domain's account pointed at a provider other than the domain's
/// (Connect's <c>PUT /domains/{d}/users/{u}</c>), for instance Roster's own password sign-in for a break-glass
/// administrator.
/// </summary>
public class DomainUser
{
    public required string DomainId { get; init; }
    public required string UserId { get; init; }
    public required string IdentityProviderId { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
