using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roster.Common;
using Roster.Data;

namespace Roster.Sessions;

/// <summary>The live state of a session, read on every request.</summary>
public sealed record ActiveSession(string SessionId, string UserId, string UserName, string? AccountId);

/// <summary>
/// Turns a cookie secret into a live session, or nothing. Idle and absolute lapses end the session for good.
/// "Last seen" is written at most once per <see cref="SessionPolicy.TouchInterval"/> so reads stay reads.
/// </summary>
public sealed class ResolveSession(RosterDbContext db, TimeProvider clock, IOptions<SessionPolicy> policy)
{
    public async Task<ActiveSession?> HandleAsync(string secret, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > 128) return null;
        var hash = Secrets.Hash(secret);
        var row = await db.Sessions.AsNoTracking()
            .Where(s => s.SecretHash == hash && s.Status == SessionStatus.Active)
            .Select(s => new { s.Id, s.UserId, UserName = s.User!.Name, s.AccountId, s.CreatedAt, s.LastSeenAt })
            .SingleOrDefaultAsync(ct);
        if (row is null) return null;

        var now = clock.GetUtcNow();
        var options = policy.Value;
        if (now - row.LastSeenAt > options.IdleTimeout || now - row.CreatedAt > options.AbsoluteTimeout)
        {
            await db.Sessions.Where(s => s.Id == row.Id && s.Status == SessionStatus.Active)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SessionStatus.Expired).SetProperty(s => s.EndedAt, now), ct);
            return null;
        }
        if (now - row.LastSeenAt >= options.TouchInterval)
            await db.Sessions.Where(s => s.Id == row.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now), ct);

        return new ActiveSession(row.Id, row.UserId, row.UserName, row.AccountId);
    }
}
