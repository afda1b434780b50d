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
/// </summary>
public sealed class ResolveSession(RosterDbContext db, TimeProvider clock, IOptions<SessionPolicy> policy, CheckedCredential credential)
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

        var account = row is { IsMember: true, AccountId: { } id, AccountName: { } name, AccountRole: { } role } ? new WorkingAccount(id, name, role) : null;
        credential.Record(new CredentialFacts(
            ActorKind.User, row.UserId, row.AccountId, account, row.RulesBindMembers, row.MfaPolicy ?? MfaPolicy.Optional, row.MfaSatisfied));
        return new ActiveSession(row.Id, row.UserId, row.UserName, row.AccountId);
    }
}
