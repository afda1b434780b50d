using Roster.Data;
using Roster.Querying;

namespace Roster.Sessions;

/// <summary>
/// One of a user's sessions as they see it. <see cref="Status"/> is computed: a session past its idle or absolute
/// timeout reads "expired" even before a request finds it lapsed and marks it so.
/// </summary>
public sealed class SessionView
{
    public required string Id { get; init; }
    public required string Status { get; init; }
    public bool Current { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset LastSeenAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public string? Ip { get; init; }
    public string? UserAgent { get; init; }

    /// <summary>The identity provider the session was signed in through; null for Roster's own password.</summary>
    public string? IdentityProviderId { get; init; }
    public string? IdentityProviderName { get; init; }

    public bool IsActive => Status == SessionListing.Active;
    public Device Device => Device.FromUserAgent(UserAgent);
    public string Location => NetworkLocation.Describe(Ip);

    /// <summary>A session as a change of it left it, without asking the database again.</summary>
    public static SessionView Of(Session session, string? currentSessionId) => new()
    {
        Id = session.Id,
        Status = session.Status switch
        {
            SessionStatus.Active => SessionListing.Active,
            SessionStatus.Terminated => SessionListing.Terminated,
            _ => SessionListing.Expired,
        },
        Current = session.Id == currentSessionId,
        CreatedAt = session.CreatedAt,
        LastSeenAt = session.LastSeenAt,
        EndedAt = session.EndedAt,
        Ip = session.Ip,
        UserAgent = session.UserAgent,
        IdentityProviderId = session.IdentityProviderId,
    };

    /// <summary>When it ended; for a lapsed session not yet marked, when its timeout ran out.</summary>
    public DateTimeOffset? EndedAtOrLapse(SessionPolicy policy) =>
        EndedAt ?? (Status == SessionListing.Expired ? Min(LastSeenAt + policy.IdleTimeout, CreatedAt + policy.AbsoluteTimeout) : null);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}

/// <summary>GET /users/{id}/sessions: the fields Connect's spec lets clients filter and order.</summary>
public static class SessionListing
{
    public const string Active = "active";
    public const string Terminated = "terminated";
    public const string Expired = "expired";

    public static RqlResource<SessionView> Resource { get; } = new RqlResource<SessionView>()
        .Key(s => s.Id)
        .Field("status", s => s.Status, Lookups.Equality | Lookups.Text | Lookups.Lists)
        .Field("current", s => s.Current, Lookups.Equality)
        .Field("events.created.at", s => s.CreatedAt, Lookups.Comparison | Lookups.Lists, orderable: true)
        .DefaultOrdering("-events.created.at");

    /// <summary>The user's sessions; <paramref name="currentSessionId"/> is the one asking, if it is a session.</summary>
    public static IQueryable<SessionView> Of(RosterDbContext db, string userId, string? currentSessionId, DateTimeOffset now, SessionPolicy policy)
    {
        var idleSince = now - policy.IdleTimeout;
        var startedBefore = now - policy.AbsoluteTimeout;
        return db.Sessions.Where(s => s.UserId == userId).Select(s => new SessionView
        {
            Id = s.Id,
            Status = s.Status == SessionStatus.Active
                ? (s.LastSeenAt < idleSince || s.CreatedAt < startedBefore ? Expired : Active)
                : s.Status == SessionStatus.Terminated ? Terminated : Expired,
            Current = s.Id == currentSessionId,
            CreatedAt = s.CreatedAt,
            LastSeenAt = s.LastSeenAt,
            EndedAt = s.EndedAt,
            Ip = s.Ip,
            UserAgent = s.UserAgent,
            IdentityProviderId = s.IdentityProviderId,
            IdentityProviderName = db.IdentityProviders.Where(p => p.Id == s.IdentityProviderId).Select(p => p.Name).FirstOrDefault(),
        });
    }
}
