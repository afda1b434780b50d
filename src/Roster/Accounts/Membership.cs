namespace Roster.Accounts;

/// <summary>Connect's member lifecycle: invited -> active; invited -> expired; expired -> invited.</summary>
public enum MembershipStatus
{
    Invited,
    Active,
    Expired,
}

/// <summary>A user's place in one account.</summary>
public class Membership
{
    public required string AccountId { get; init; }
    public required string UserId { get; init; }
    public MembershipStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ActivatedAt { get; set; }

    public Users.User? User { get; init; }
    public Account? Account { get; init; }

    public static Membership Founder(string accountId, string userId, DateTimeOffset at) => new()
    {
        AccountId = accountId,
        UserId = userId,
        Status = MembershipStatus.Active,
        CreatedAt = at,
        ActivatedAt = at,
    };
}
