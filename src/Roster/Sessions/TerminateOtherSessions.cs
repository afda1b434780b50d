using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Profile;

namespace Roster.Sessions;

/// <summary>"Sign out all other sessions": ends every active session of the user except the one asking.</summary>
public sealed class TerminateOtherSessions(RosterDbContext db, TimeProvider clock, IOptions<SessionPolicy> policy)
{
    public async Task<Result<int>> HandleAsync(string userId, Actor actor, CancellationToken ct = default)
    {
        var self = Self.Require(actor, userId);
        if (!self.Succeeded) return self.Error;
        if (actor.SessionId is null)
            return new Error("auth.session_required", "Only a signed-in session can end the user's other sessions.", ErrorKind.Forbidden);

        var now = clock.GetUtcNow();
        var idleSince = now - policy.Value.IdleTimeout;
        var startedBefore = now - policy.Value.AbsoluteTimeout;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Lapsed sessions are left to read as expired, which is what happened to them.
        var ended = await db.Sessions
            .Where(s => s.UserId == userId && s.Id != actor.SessionId && s.Status == SessionStatus.Active
                        && s.LastSeenAt >= idleSince && s.CreatedAt >= startedBefore)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SessionStatus.Terminated).SetProperty(s => s.EndedAt, now), ct);
        db.RecordPersonal(actor, AuditAction.OtherSessionsTerminated, userId, actor.Name, now, new { sessions = ended });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return ended;
    }
}
