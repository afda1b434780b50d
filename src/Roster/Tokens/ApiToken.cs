namespace Roster.Tokens;

public enum TokenStatus
{
    Pending,
    Active,
    Inactive,
}

/// <summary>
/// An API token (Connect's integration token). It belongs to one account, acts only inside it and only within the
/// modules granted to it. Its secret is shown once and stored hashed.
/// </summary>
public class ApiToken
{
    public const int NameMaxLength = 128;
    public const int DescriptionMaxLength = 255;
    public const int ExternalIdMaxLength = 128;
    public const string CustomExtension = "custom";

    public required string Id { get; init; }
    public required string AccountId { get; init; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public string? ExternalId { get; set; }
    public string ExtensionId { get; init; } = CustomExtension;
    public string ExtensionName { get; init; } = "Custom integration";
    public TokenStatus Status { get; set; }
    public required string SecretHash { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>The secret a renewal replaced, which keeps working until <see cref="PreviousExpiresAt"/>.</summary>
    public string? PreviousSecretHash { get; set; }
    public DateTimeOffset? PreviousExpiresAt { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public string? CreatedById { get; init; }
    public string? CreatedByName { get; init; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public string? UpdatedById { get; set; }
    public string? UpdatedByName { get; set; }

    public List<TokenPermission> Permissions { get; init; } = [];

    public bool CanAuthenticate(DateTimeOffset now) =>
        Status == TokenStatus.Active && (ExpiresAt is null || ExpiresAt > now);

    public static string HeaderValue(string id, string secret) => $"ApiKey {id}:{secret}";
}

public class TokenPermission
{
    public string TokenId { get; init; } = "";
    public required string ModuleId { get; init; }
    public DateTimeOffset GrantedAt { get; init; }
    public string? GrantedById { get; init; }
    public string? GrantedByName { get; init; }
}
