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
    private sealed record Row(string Id, string UserId, string UserName, string? AccountId, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt);

    // Compiled once: this read runs on every request that carries a cookie, and EF's per-call query translation
    // lookup showed up in the benchmark's profile.
    private static readonly Func<RosterDbContext, string, CancellationToken, Task<Row?>> BySecretHash =
        EF.CompileAsyncQuery((RosterDbContext db, string hash, CancellationToken _) => db.Sessions.AsNoTracking()
            .Where(s => s.SecretHash == hash && s.Status == SessionStatus.Active)
            .Select(s => new Row(s.Id, s.UserId, s.User!.Name, s.AccountId, s.CreatedAt, s.LastSeenAt))
            .SingleOrDefault());

    public async Task<ActiveSession?> HandleAsync(string secret, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > 128) return null;
        var hash = Secrets.Hash(secret);
        var row = await BySecretHash(db, hash, ct);
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
