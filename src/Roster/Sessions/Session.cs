namespace Roster.Sessions;

public enum SessionStatus
{
    Active,
    Terminated,
    Expired,
}

/// <summary>
/// A signed-in browser or API client. The cookie carries a random secret; only its hash is stored, so a database
/// reader cannot take over a session. Every request checks the row, so ending it works at once on every node.
/// </summary>
public class Session
{
    public required string Id { get; init; }
    public required string SecretHash { get; init; }
    public required string UserId { get; init; }
    public string? AccountId { get; set; }
    public SessionStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset LastSeenAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? Ip { get; init; }
    public string? UserAgent { get; init; }

    /// <summary>The identity provider the user signed in through; null for Roster's own password sign-in.</summary>
    public string? IdentityProviderId { get; init; }

    /// <summary>The provider said (in the ID token's <c>amr</c>) that it asked for a second factor.</summary>
    public bool ProviderMfa { get; init; }

    public Users.User? User { get; init; }

    public bool HasLapsed(DateTimeOffset now, SessionPolicy options) =>
        now - LastSeenAt > options.IdleTimeout || now - CreatedAt > options.AbsoluteTimeout;

    public void Terminate(DateTimeOffset at)
    {
        if (Status != SessionStatus.Active) return;
        Status = SessionStatus.Terminated;
        EndedAt = at;
    }

    public void Expire(DateTimeOffset at)
    {
        if (Status != SessionStatus.Active) return;
        Status = SessionStatus.Expired;
        EndedAt = at;
    }
}

public sealed class SessionPolicy
{
    public const string Section = "Sessions";

    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);
    public TimeSpan AbsoluteTimeout { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How stale "last seen" may get before a request writes it again; keeps reads from turning into writes.</summary>
    public TimeSpan TouchInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How a request's credential is checked (ADR 0017); Strict unless the operator chooses Cached.</summary>
    public SessionValidation Validation { get; set; } = SessionValidation.Strict;
}

public enum SessionValidation
{
    /// <summary>Every request reads its session or token from the database.</summary>
    Strict,

    /// <summary>
    /// Requests answer from this process's copy of what the credential's check last read, dropped whenever a write that
    /// could change it commits (on PostgreSQL, on any node).
    /// </summary>
    Cached,
}
