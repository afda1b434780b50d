namespace Roster.Sso;

/// <summary>The provider a domain or person names, as lists show it.</summary>
public sealed record ProviderReference(string Id, string Name, IdentityProviderType Type);

/// <summary>A domain as both faces show it, with the record to publish and the provider it names.</summary>
public sealed record DomainView(
    string Id, string AccountId, string Name, string? DisplayName, string? Description, string Token,
    DomainStatus Status, string? Reason, ProviderReference? Provider, bool Enforce,
    DateTimeOffset CreatedAt, string? CreatedById, string? CreatedByName,
    DateTimeOffset UpdatedAt, string? UpdatedById, string? UpdatedByName,
    DateTimeOffset? VerifiedAt, DateTimeOffset? FailedAt, DateTimeOffset? RejectedAt, DateTimeOffset? CheckedAt)
{
    public string RecordName => DomainNames.RecordName(Name);
    public string RecordValue => DomainNames.RecordValue(Token);

    public static DomainView Of(Domain d, IdentityProvider? provider) => new(
        d.Id, d.AccountId, d.Name, d.DisplayName, d.Description, d.Token, d.Status, d.Reason,
        provider is null ? null : new ProviderReference(provider.Id, provider.Name, provider.Type), d.Enforce,
        d.CreatedAt, d.CreatedById, d.CreatedByName, d.UpdatedAt, d.UpdatedById, d.UpdatedByName,
        d.VerifiedAt, d.FailedAt, d.RejectedAt, d.CheckedAt);
}
