namespace Roster.Profile;

/// <summary>A single-use code that stands in for the authenticator app; only its hash is stored.</summary>
public sealed class RecoveryCode
{
    public required string UserId { get; init; }
    public required string CodeHash { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? UsedAt { get; set; }
}
