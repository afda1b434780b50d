namespace Roster.Users;

/// <summary>A user's remembered choice for one list in one account, such as the columns shown on the Users page.</summary>
public class ListPreference
{
    public required string UserId { get; init; }
    public required string AccountId { get; init; }
    public required string List { get; init; }
    public required string Value { get; set; }
}
