namespace Roster.Partners;

/// <summary>Connect's partner lifecycle: invited -> active on acceptance; either side may terminate.</summary>
public enum PartnershipStatus
{
    Invited,
    Active,
    Terminated,
}

/// <summary>
/// A contract between two accounts. One side invites, the other accepts; while it is active each sees the other's
/// contacts. A terminated partnership is kept for the record but no longer appears.
/// </summary>
public class Partnership
{
    public required string Id { get; init; }
    public required string InviterAccountId { get; init; }
    public required string InviteeAccountId { get; init; }
    public PartnershipStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public string? CreatedById { get; init; }
    public string? CreatedByName { get; init; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public DateTimeOffset? TerminatedAt { get; set; }
    public string? TerminatedByAccountId { get; set; }

    public string OtherThan(string accountId) => accountId == InviterAccountId ? InviteeAccountId : InviterAccountId;
}
