using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Profile;

namespace Roster.Sessions;

/// <summary>
/// Ends one of the user's own sessions. Sessions are checked on every request, so its next request is refused,
/// on every node.
/// </summary>
public sealed class TerminateSession(RosterDbContext db, TimeProvider clock, IOptions<SessionPolicy> policy)
{
    public static readonly Error AlreadyEnded = new("sessions.not_active", "This session has already ended.");

    /// <summary>Answers the session as it ended, built without a query after the save, which might fail and hide it.</summary>
    public async Task<Result<SessionView>> HandleAsync(string userId, string sessionId, Actor actor, CancellationToken ct = default)
    {
        var self = Self.Require(actor, userId);
        if (!self.Succeeded) return self.Error;
        var session = await db.Sessions.SingleOrDefaultAsync(s => s.Id == sessionId && s.UserId == userId, ct);
        if (session is null) return Error.NotFound("session");
        var now = clock.GetUtcNow();
        if (session.Status != SessionStatus.Active || session.HasLapsed(now, policy.Value)) return AlreadyEnded;

        session.Terminate(now);
        db.RecordPersonal(actor, AuditAction.SessionTerminated, userId, actor.Name, now,
            new { session = session.Id, ip = session.Ip, device = Device.FromUserAgent(session.UserAgent).ToString() });
        await db.SaveChangesAsync(ct);
        return SessionView.Of(session, actor.SessionId);
    }
}
