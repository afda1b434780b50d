using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roster.Common;
using Roster.Data;
using Roster.Profile;
using Roster.Querying;

namespace Roster.Sessions;

/// <summary>The Sessions page: active sessions (the asking one first), the latest ended ones and sign-in attempts.</summary>
public sealed record SessionOverview(IReadOnlyList<SessionView> Active, IReadOnlyList<SessionView> Past, IReadOnlyList<SignInAttempt> SignIns);

/// <summary>A user's own sessions and sign-in history. They are personal: to anyone else the user does not exist.</summary>
public sealed class SessionList(RosterDbContext db, TimeProvider clock, IOptions<SessionPolicy> policy)
{
    public async Task<Result<RqlPage<SessionView>>> ReadAsync(Actor actor, string userId, RqlQuery query, CancellationToken ct = default)
    {
        var self = Self.Require(actor, userId);
        if (!self.Succeeded) return self.Error;
        return await SessionListing.Resource.ReadPageAsync(Sessions(actor, userId), query, RqlDialect.For(db.Provider), ct);
    }

    public async Task<Result<SessionView>> FindAsync(Actor actor, string userId, string sessionId, CancellationToken ct = default)
    {
        var self = Self.Require(actor, userId);
        if (!self.Succeeded) return self.Error;
        var session = await Sessions(actor, userId).SingleOrDefaultAsync(s => s.Id == sessionId, ct);
        return session is null ? Error.NotFound("session") : session;
    }

    public async Task<Result<RqlPage<SignInAttempt>>> SignInsAsync(Actor actor, string userId, RqlQuery query, CancellationToken ct = default)
    {
        var self = Self.Require(actor, userId);
        if (!self.Succeeded) return self.Error;
        return await SignInHistory.Resource.ReadPageAsync(SignInHistory.Of(db, userId), query, RqlDialect.For(db.Provider), ct);
    }

    /// <summary>The acting user's sessions and the latest <paramref name="history"/> ended sessions and sign-in attempts.</summary>
    public async Task<Result<SessionOverview>> OverviewAsync(Actor actor, int history, CancellationToken ct = default)
    {
        var self = Self.Require(actor, actor.Id);
        if (!self.Succeeded) return self.Error;
        var sessions = Sessions(actor, actor.Id);
        var active = await sessions.Where(s => s.Status == SessionListing.Active)
            .OrderByDescending(s => s.Current).ThenByDescending(s => s.LastSeenAt).ThenBy(s => s.Id).ToListAsync(ct);
        var past = await sessions.Where(s => s.Status != SessionListing.Active)
            .OrderByDescending(s => s.CreatedAt).ThenBy(s => s.Id).Take(history).ToListAsync(ct);
        var signIns = await SignInHistory.Of(db, actor.Id).OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(history).ToListAsync(ct);
        return new SessionOverview(active, past, signIns);
    }

    private IQueryable<SessionView> Sessions(Actor actor, string userId) =>
        SessionListing.Of(db, userId, actor.SessionId, clock.GetUtcNow(), policy.Value);
}
