namespace Roster.Accounts;

/// <summary>Connect's <c>mfa.policy</c> of an account: whether its members must sign in with a second factor.</summary>
public enum MfaPolicy
{
    Optional,
    Suggested,
    Required,
}

public class Account
{
    public const int NameMaxLength = 64;
    public const int DescriptionMaxLength = 512;
    public const int ExternalIdMaxLength = 100;

    public required string Id { get; init; }
    public required string Name { get; set; }
    public AccountRole Role { get; init; }
    public string? Description { get; set; }
    public string? ExternalId { get; set; }
    public MfaPolicy MfaPolicy { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public string? CreatedById { get; init; }
    public string? CreatedByName { get; init; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public string? UpdatedById { get; set; }
    public string? UpdatedByName { get; set; }

    public void Update(string name, string? description, string? externalId, Common.Actor by, DateTimeOffset at)
    {
        Name = name;
        Description = description;
        ExternalId = externalId;
        UpdatedAt = at;
        UpdatedById = by.Id;
        UpdatedByName = by.Name;
    }
}
