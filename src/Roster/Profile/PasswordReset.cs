namespace Roster.Profile;

/// <summary>A mailed password-reset token: stored hashed, short-lived, used once.</summary>
public sealed class PasswordReset
{
    public required string TokenHash { get; init; }
    public required string UserId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? UsedAt { get; set; }
}
