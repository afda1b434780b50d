using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Sessions;

namespace Roster.Tokens;

/// <summary>What an "ApiKey" credential turned out to be: the acting token, an expired one, or nothing.</summary>
public sealed record TokenResolution(Actor? Actor, string? ExpiredTokenId = null)
{
    public static TokenResolution Unknown { get; } = new((Actor?)null);
}

/// <summary>
/// Turns an "ApiKey SU-...:secret" credential into the acting token, or nothing. The same statement reads the token's
/// account and whether it has address rules (<see cref="CheckedCredential"/>). In Cached mode that row is kept under the
/// token's id (<see cref="CredentialCache"/>); it holds only the secrets' hashes, so every request's secret is still
/// compared with them, and a wrong secret is refused from the copy as it would be from the database.
/// </summary>
public sealed class ResolveToken(RosterDbContext db, TimeProvider clock, CheckedCredential checkedCredential, CredentialCache cache)
{
    private sealed record Row(
        string Id, string Name, string AccountId, string SecretHash, TokenStatus Status, DateTimeOffset? ExpiresAt,
        string? PreviousSecretHash, DateTimeOffset? PreviousExpiresAt, string? AccountName, AccountRole? AccountRole, bool HasAddressRules);

    // Sessions are kept under their secret's hash, which no token id can equal.
    private const string CacheKey = "token:";

    // Compiled once: this read runs on every API request made with a token.
    private static readonly Func<RosterDbContext, string, CancellationToken, Task<Row?>> ById =
        EF.CompileAsyncQuery((RosterDbContext db, string id, CancellationToken _) =>
            (from t in db.Tokens
             where t.Id == id
             join a in db.Accounts on t.AccountId equals a.Id into accounts
             from a in accounts.DefaultIfEmpty()
             select new Row(
                 t.Id, t.Name, t.AccountId, t.SecretHash, t.Status, t.ExpiresAt, t.PreviousSecretHash, t.PreviousExpiresAt,
                 a == null ? null : a.Name,
                 a == null ? null : (AccountRole?)a.Role,
                 db.AccessRules.Any(r => r.AccountId == t.AccountId)))
            .SingleOrDefault());

    public async Task<TokenResolution> HandleAsync(string credential, string? ip, CancellationToken ct = default)
    {
        var separator = credential.IndexOf(':', StringComparison.Ordinal);
        if (separator <= 0 || separator > 24) return TokenResolution.Unknown;
        var id = credential[..separator];
        var secret = credential[(separator + 1)..];
        if (secret.Length is 0 or > 128) return TokenResolution.Unknown;

        var key = CacheKey + id;
        Row? token;
        if (cache.TryGet<Row>(key, out var cached, out _)) token = cached;
        else
        {
            var generation = cache.Generation;
            token = await ById(db, id, ct);
            if (token is not null) cache.Store(key, token, generation);
        }
        if (token is null || token.Status != TokenStatus.Active) return TokenResolution.Unknown;
        DateTimeOffset? expiresAt;
        if (Secrets.Matches(secret, token.SecretHash)) expiresAt = token.ExpiresAt;
        else if (token.PreviousSecretHash is not null && Secrets.Matches(secret, token.PreviousSecretHash)) expiresAt = token.PreviousExpiresAt;
        else return TokenResolution.Unknown;

        var actor = new Actor(ActorKind.Token, token.Id, token.Name, token.AccountId, null, ip);
        if (expiresAt is { } expiry && expiry <= clock.GetUtcNow())
        {
            await RecordExpiredUseAsync(actor, expiry, ct);
            return new TokenResolution(null, token.Id);
        }
        var account = token is { AccountName: { } name, AccountRole: { } role } ? new WorkingAccount(token.AccountId, name, role) : null;
        checkedCredential.Record(new CredentialFacts(ActorKind.Token, token.Id, token.AccountId, account, token.HasAddressRules));
        return new TokenResolution(actor);
    }

    /// <summary>Once per expiry: a client retrying with an expired secret would otherwise write an entry per request.</summary>
    private async Task RecordExpiredUseAsync(Actor actor, DateTimeOffset expiry, CancellationToken ct)
    {
        var recorded = await db.AuditEntries.AnyAsync(e => e.ObjectType == "token" && e.ObjectId == actor.Id
            && e.Action == AuditAction.TokenExpiredUse && e.At >= expiry, ct);
        if (recorded) return;
        db.Record(actor, AuditAction.TokenExpiredUse, "token", actor.Id, actor.Name, clock.GetUtcNow(), changes: new { expired_at = expiry });
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }
}
