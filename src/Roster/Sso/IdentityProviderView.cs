namespace Roster.Sso;

/// <summary>A provider as both faces show it: everything but the client secret, which is never read back.</summary>
public sealed record IdentityProviderView(
    string Id, string AccountId, string Name, string? Description, string? ExternalId, IdentityProviderType Type,
    string? Issuer, string? ClientId, bool HasClientSecret, IReadOnlyList<string> Scopes,
    string ExternalIdClaim, string EmailClaim, string NameClaim, string? Notice, string? GroupsClaim, bool GroupsAuto,
    int Revision, DateTimeOffset CreatedAt, string? CreatedById, string? CreatedByName,
    DateTimeOffset UpdatedAt, string? UpdatedById, string? UpdatedByName)
{
    public static IdentityProviderView Of(IdentityProvider p) => new(
        p.Id, p.AccountId, p.Name, p.Description, p.ExternalId, p.Type, p.Issuer, p.ClientId, p.ClientSecret is not null,
        p.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries), p.ExternalIdClaim, p.EmailClaim, p.NameClaim, p.Notice,
        p.GroupsClaim, p.GroupsAuto, p.Revision, p.CreatedAt, p.CreatedById, p.CreatedByName, p.UpdatedAt, p.UpdatedById, p.UpdatedByName);
}
