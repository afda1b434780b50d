namespace Roster.Security;

/// <summary>
/// A count of attempts of one kind on one user within a window: the sign-in attempts of the user's untrusted
/// clients or of one of their devices (see <see cref="Sessions.SignInAttempts"/>), or the reset mails asked for.
/// A row whose window has ended means the same as no row.
/// </summary>
public sealed class AttemptCounter
{
    public const int ScopeMaxLength = 96;
    public const string PasswordResets = "password-resets";

    public required string UserId { get; init; }

    /// <summary>What is counted: <see cref="PasswordResets"/>, or a sign-in client's scope (<see cref="Sessions.SignInClient"/>).</summary>
    public required string Scope { get; init; }

    /// <summary>Attempts taken in the window, those still being checked included.</summary>
    public int Attempts { get; set; }

    /// <summary>When the count starts over; while <see cref="Attempts"/> is at the limit, the end of the lockout.</summary>
    public DateTimeOffset WindowEndsAt { get; set; }
}
