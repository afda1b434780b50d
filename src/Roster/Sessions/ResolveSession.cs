using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roster.Accounts;
using Roster.Common;
using Roster.Data;

namespace Roster.Sessions;

/// <summary>The live state of a session, read on every request.</summary>
public sealed record ActiveSession(string SessionId, string UserId, string UserName, string? AccountId);

/// <summary>
/// Turns a cookie secret into a live session, or nothing. Idle and absolute lapses end the session for good.
/// "Last seen" is written at most once per <see cref="SessionPolicy.TouchInterval"/> so reads stay reads. The same
/// statement reads what the rest of the request needs to know about the session's account (<see cref="CheckedCredential"/>).
/// In Cached mode that row is kept (<see cref="CredentialCache"/>) and the lapses and the touch are judged on its times.
/// </summary>
public sealed class ResolveSession(
    RosterDbContext db, TimeProvider clock, IOptions<SessionPolicy> policy, CheckedCredential credential, CredentialCache cache)
{
    private sealed record Row(
        string Id, string UserId, string UserName, string? AccountId, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt,
        bool MfaSatisfied, bool IsMember, string? AccountName, AccountRole? AccountRole, MfaPolicy? MfaPolicy, bool RulesBindMembers);

    // Compiled once: this read runs on every request that carries a cookie, and EF's per-call query translation
    // lookup showed up in the benchmark's profile. The account's columns come by a left join and the rest as EXISTS
    // lookups on their keys, so every request pays one round trip however many facts it needs.
    private static readonly Func<RosterDbContext, string, CancellationToken, Task<Row?>> BySecretHash =
        EF.CompileAsyncQuery((RosterDbContext db, string hash, CancellationToken _) =>
            (from s in db.Sessions
             where s.SecretHash == hash && s.Status == SessionStatus.Active
             join a in db.Accounts on s.AccountId equals a.Id into accounts
             from a in accounts.DefaultIfEmpty()
             select new Row(
                 s.Id, s.UserId, s.User!.Name, s.AccountId, s.CreatedAt, s.LastSeenAt,
                 s.ProviderMfa || s.User.AuthenticatorKey != null,
                 db.Memberships.Any(m => m.AccountId == s.AccountId && m.UserId == s.UserId && m.Status == MembershipStatus.Active),
                 a == null ? null : a.Name,
                 a == null ? null : (AccountRole?)a.Role,
                 a == null ? null : (MfaPolicy?)a.MfaPolicy,
                 db.AccessListSettings.Any(x => x.AccountId == s.AccountId && x.CoversMembers)))
            .SingleOrDefault());

    public async Task<ActiveSession?> HandleAsync(string secret, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > 128) return null;
        var hash = Secrets.Hash(secret);
        var options = policy.Value;
        // A copy that looks lapsed is read again rather than ended on its word: another node may have seen it since.
        var at = clock.GetUtcNow();
        if (cache.TryGet<Row>(hash, out var cached, out var cachedUnder) && !Lapsed(cached, at, options))
            return await AcceptAsync(hash, cached, cachedUnder, at, options, ct);

        var generation = cache.Generation;
        var row = await BySecretHash(db, hash, ct);
        if (row is null) return null;

        var now = clock.GetUtcNow();
        if (Lapsed(row, now, options))
        {
            cache.Forget(hash);
            await db.Sessions.Where(s => s.Id == row.Id && s.Status == SessionStatus.Active)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SessionStatus.Expired).SetProperty(s => s.EndedAt, now), ct);
            return null;
        }
        cache.Store(hash, row, generation);
        return await AcceptAsync(hash, row, generation, now, options, ct);
    }

    private static bool Lapsed(Row row, DateTimeOffset now, SessionPolicy options) =>
        now - row.LastSeenAt > options.IdleTimeout || now - row.CreatedAt > options.AbsoluteTimeout;

    private async Task<ActiveSession> AcceptAsync(string hash, Row row, long generation, DateTimeOffset now, SessionPolicy options, CancellationToken ct)
    {
        if (now - row.LastSeenAt >= options.TouchInterval)
        {
            // The touch changes nothing a check reads but the time it is judged by, so it leaves the cache as it is
            // (CredentialWrites skips it) and the kept copy takes the new time.
            await CredentialWrites.TouchAsync(db, () =>
                db.Sessions.Where(s => s.Id == row.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now), ct));
            cache.Store(hash, row with { LastSeenAt = now }, generation);
        }

        var account = row is { IsMember: true, AccountId: { } id, AccountName: { } name, AccountRole: { } role } ? new WorkingAccount(id, name, role) : null;
        credential.Record(new CredentialFacts(
            ActorKind.User, row.UserId, row.AccountId, account, row.RulesBindMembers, row.MfaPolicy ?? MfaPolicy.Optional, row.MfaSatisfied));
        return new ActiveSession(row.Id, row.UserId, row.UserName, row.AccountId);
    }
}
