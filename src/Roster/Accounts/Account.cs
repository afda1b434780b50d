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
    public const int HeadquartersMaxLength = 256;
    public const int OverviewMaxLength = 4000;

    public required string Id { get; init; }
    public required string Name { get; set; }
    public AccountRole Role { get; init; }
    public string? Description { get; set; }
    public string? ExternalId { get; set; }
    public MfaPolicy MfaPolicy { get; set; }

    // The public profile partners read (Connect's partner fields); codes and addresses as AccountProfileRules accepts them.
    public string? Overview { get; private set; }
    public string? Headquarters { get; private set; }
    public List<string> Countries { get; private set; } = [];
    public List<string> Languages { get; private set; } = [];
    public List<string> Websites { get; private set; } = [];
    public bool? Public { get; private set; }

    /// <summary>The account's media at the lowest position, kept here so every view of the account names its icon without a join.</summary>
    public string? IconMediaId { get; set; }
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

    public void ChangeProfile(AccountProfile profile, Common.Actor by, DateTimeOffset at)
    {
        Overview = profile.Overview;
        Headquarters = profile.Headquarters;
        Countries = [.. profile.Countries];
        Languages = [.. profile.Languages];
        Websites = [.. profile.Websites];
        Public = profile.Public;
        UpdatedAt = at;
        UpdatedById = by.Id;
        UpdatedByName = by.Name;
    }

    public AccountProfile Profile => new(Overview, Headquarters, Countries, Languages, Websites, Public);
}
