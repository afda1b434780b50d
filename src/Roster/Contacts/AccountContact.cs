namespace Roster.Contacts;

public enum ContactKind
{
    Technical,
    Business,
}

/// <summary>An active member of an account chosen as one of its technical or business contacts.</summary>
public class AccountContact
{
    public required string AccountId { get; init; }
    public required string UserId { get; init; }
    public ContactKind Kind { get; init; }
    public DateTimeOffset AddedAt { get; init; }
}
