namespace Roster.Tokens;

/// <summary>A module granted to a token: when, and by whom.</summary>
public sealed record TokenGrant(string ModuleId, DateTimeOffset GrantedAt, string? GrantedById, string? GrantedByName)
{
    public static TokenGrant Of(TokenPermission p) => new(p.ModuleId, p.GrantedAt, p.GrantedById, p.GrantedByName);
}

/// <summary>A token as both faces show it: everything but its secret, its modules in id order.</summary>
public sealed record TokenView(
    string Id, string AccountId, string Name, string? Description, string? ExternalId, string ExtensionId, string ExtensionName,
    TokenStatus Status, IReadOnlyList<TokenGrant> Permissions, DateTimeOffset? ExpiresAt,
    DateTimeOffset CreatedAt, string? CreatedById, string? CreatedByName,
    DateTimeOffset? UpdatedAt, string? UpdatedById, string? UpdatedByName)
{
    public static TokenView Of(ApiToken t) => new(
        t.Id, t.AccountId, t.Name, t.Description, t.ExternalId, t.ExtensionId, t.ExtensionName, t.Status,
        [.. t.Permissions.OrderBy(p => p.ModuleId, StringComparer.Ordinal).Select(TokenGrant.Of)], t.ExpiresAt,
        t.CreatedAt, t.CreatedById, t.CreatedByName, t.UpdatedAt, t.UpdatedById, t.UpdatedByName);
}
