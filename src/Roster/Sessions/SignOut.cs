using Microsoft.EntityFrameworkCore;
using Roster.Audit;
using Roster.Common;
using Roster.Data;

namespace Roster.Sessions;

/// <summary>Ends the caller's own session.</summary>
public sealed class SignOut(RosterDbContext db, TimeProvider clock)
{
    public async Task HandleAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.SessionId is null) return;
        var session = await db.Sessions.SingleOrDefaultAsync(s => s.Id == actor.SessionId, ct);
        if (session is null) return;
        var now = clock.GetUtcNow();
        session.Terminate(now);
        db.Record(actor, AuditAction.SignedOut, "session", session.Id, null, now);
        await db.SaveChangesAsync(ct);
    }
}
