namespace Roster.Accounts;

/// <summary>
/// Connect's member lifecycle: invited -> active; invited -> expired; expired -> invited. A revoked invitation is
/// expired too, as Connect has it; <see cref="Membership.RevokedAt"/> tells it from one that ran out.
/// </summary>
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
    public DateTimeOffset? InvitedAt { get; set; }
    public string? InvitedById { get; set; }
    public string? InvitedByName { get; set; }

    /// <summary>When and by whom the pending invitation was withdrawn; cleared when a new one is sent.</summary>
    public DateTimeOffset? RevokedAt { get; private set; }
    public string? RevokedById { get; private set; }
    public string? RevokedByName { get; private set; }

    // Copies of the user's name, email and last sign-in, so that one account's list can be filtered, sorted and
    // paged on its own indexes at a million members. Kept in step by the use cases that change them.
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    public DateTimeOffset? SignedInAt { get; set; }

    /// <summary>
    /// The domain of <see cref="Email"/>, lower case, computed by the database: a member's sign-in provider follows
    /// their email's domain, and filtering a million members by provider needs that domain on an index.
    /// </summary>
    public string? EmailDomain { get; private set; }

    public Users.User? User { get; init; }
    public Account? Account { get; init; }
    public List<Groups.GroupMember> Groups { get; init; } = [];

    public static Membership Founder(string accountId, Users.User user, DateTimeOffset at) => new()
    {
        AccountId = accountId,
        UserId = user.Id,
        Status = MembershipStatus.Active,
        CreatedAt = at,
        ActivatedAt = at,
        Name = user.Name,
        Email = user.Email ?? "",
        SignedInAt = user.LastSignedInAt,
    };

    /// <summary>Invited -> active.</summary>
    public void Activate(DateTimeOffset at)
    {
        Status = MembershipStatus.Active;
        ActivatedAt = at;
    }

    /// <summary>Invited -> expired, when the invitation's lifetime ends.</summary>
    public void Expire()
    {
        if (Status == MembershipStatus.Invited) Status = MembershipStatus.Expired;
    }

    /// <summary>Invited -> expired, withdrawn by someone: the moment and who are kept to say so.</summary>
    public void Revoke(Common.Actor by, DateTimeOffset at)
    {
        if (Status != MembershipStatus.Invited) return;
        Status = MembershipStatus.Expired;
        RevokedAt = at;
        RevokedById = by.Id;
        RevokedByName = by.Name;
    }

    public void MarkInvited(Common.Actor by, DateTimeOffset at)
    {
        Status = MembershipStatus.Invited;
        InvitedAt = at;
        InvitedById = by.Id;
        InvitedByName = by.Name;
        RevokedAt = null;
        RevokedById = null;
        RevokedByName = null;
    }
}
