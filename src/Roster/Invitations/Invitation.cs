namespace Roster.Invitations;

public enum InvitationStatus
{
    Pending,
    Accepted,
    Revoked,
    Superseded,
}

/// <summary>
/// A link that lets one email join one account. The link's token is derived from a server key and the
/// invitation id (so administrators can copy it again) and stored only as a hash; it works once, until
/// it expires, is revoked, or a resend supersedes it.
/// </summary>
public class Invitation
{
    public required string Id { get; init; }
    public required string AccountId { get; init; }
    public required string UserId { get; init; }
    public required string Email { get; init; }
    public required string TokenHash { get; init; }
    public InvitationStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? AcceptedAt { get; private set; }
    public DateTimeOffset? RenewalRequestedAt { get; set; }
    public required string InvitedById { get; init; }
    public required string InvitedByName { get; init; }

    public bool IsUsable(DateTimeOffset now) => Status == InvitationStatus.Pending && now < ExpiresAt;

    public bool HasExpired(DateTimeOffset now) => Status == InvitationStatus.Pending && now >= ExpiresAt;

    public void Accept(DateTimeOffset at)
    {
        if (!IsUsable(at)) throw new InvalidOperationException("Only a pending, unexpired invitation can be accepted.");
        Status = InvitationStatus.Accepted;
        AcceptedAt = at;
    }

    public void Revoke()
    {
        if (Status == InvitationStatus.Pending) Status = InvitationStatus.Revoked;
    }

    public void Supersede()
    {
        if (Status == InvitationStatus.Pending) Status = InvitationStatus.Superseded;
    }
}

public sealed class InvitationOptions
{
    public const string Section = "Invitations";

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// The key that invitation links are derived from. When unset, Roster generates one and keeps it in the
    /// database; set it (32+ random bytes, base64) so that a copy of the database alone cannot forge links.
    /// </summary>
    public string? LinkKey { get; set; }
}
