namespace Roster.Acl;

/// <summary>
/// One allowed address range of an account's access control list (Connect's <c>auth.ACLRule</c>): a single address
/// or a CIDR network, IPv4 or IPv6. An account without rules is reachable from anywhere.
/// </summary>
public class AccessRule
{
    public const int ValueMaxLength = 512;
    public const int CommentMaxLength = 1024;

    public required string Id { get; init; }
    public required string AccountId { get; init; }
    public required string Value { get; set; }
    public string? Comment { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public string? CreatedById { get; init; }
    public string? CreatedByName { get; init; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public string? UpdatedById { get; set; }
    public string? UpdatedByName { get; set; }
}

/// <summary>
/// Whether the account's rules also bind its members' sessions, not only its API tokens. A row exists only once the
/// setting was changed; no row means tokens only.
/// </summary>
public class AccessListSettings
{
    public required string AccountId { get; init; }
    public bool CoversMembers { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
