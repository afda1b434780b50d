using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Common;
using Roster.Data;
using Roster.Querying;

namespace Roster.Tokens;

/// <summary>
/// A token as the Integrations page lists it. <paramref name="CreatorLeft"/>: the user who made it is no longer an
/// active member of the account. The token is the account's, not theirs, so it keeps working; the mark tells its
/// managers who can no longer be asked about it.
/// </summary>
public sealed record TokenSummary(
    string Id, string Name, string? Description, TokenStatus Status, IReadOnlyList<string> Modules,
    DateTimeOffset CreatedAt, string? CreatedBy, bool CreatorLeft, DateTimeOffset? ExpiresAt);

/// <summary>
/// The tokens of the caller's active account, for holders of the Integrations module; to anyone else, and for any
/// other account's token, there is nothing to read.
/// </summary>
public sealed class TokenList(RosterDbContext db)
{
    public async Task<Result<RqlPage<AccountToken>>> ReadAsync(Actor actor, RqlQuery query, CancellationToken ct = default)
    {
        var allowed = await TokenQueries.RequireManagerAsync(db, actor, ct);
        if (!allowed.Succeeded) return allowed.Error;
        var tokens = db.Tokens.AsNoTracking().Include(t => t.Permissions).Where(t => t.AccountId == actor.AccountId);
        var page = await TokenListing.Resource.ReadPageAsync(tokens, query, RqlDialect.For(db.Provider), ct);
        if (!page.Succeeded) return page.Error;
        var accountName = await TokenQueries.AccountNameAsync(db, actor.AccountId!, ct);
        return page.Value.Select(t => new AccountToken(t, accountName));
    }

    public async Task<Result<AccountToken>> FindAsync(Actor actor, string tokenId, CancellationToken ct = default)
    {
        var found = await TokenQueries.FindAsync(db, actor, tokenId, ct);
        if (!found.Succeeded) return found.Error;
        return new AccountToken(found.Value, await TokenQueries.AccountNameAsync(db, found.Value.AccountId, ct));
    }

    /// <summary>The modules granted to one token of the caller's account.</summary>
    public async Task<Result<RqlPage<TokenGrant>>> PermissionsAsync(Actor actor, string tokenId, RqlQuery query, CancellationToken ct = default)
    {
        var found = await TokenQueries.FindAsync(db, actor, tokenId, ct);
        if (!found.Succeeded) return found.Error;
        var permissions = db.TokenPermissions.AsNoTracking().Where(p => p.TokenId == tokenId);
        var page = await TokenListing.Permissions.ReadPageAsync(permissions, query, RqlDialect.For(db.Provider), ct);
        return page.Succeeded ? page.Value.Select(TokenGrant.Of) : page.Error;
    }

    /// <summary>Every token of the caller's active account, newest first, as the Integrations page lists them.</summary>
    public async Task<Result<IReadOnlyList<TokenSummary>>> SummariesAsync(Actor actor, CancellationToken ct = default)
    {
        var allowed = await TokenQueries.RequireManagerAsync(db, actor, ct);
        if (!allowed.Succeeded) return allowed.Error;
        var userPrefix = Ids.User + "-";
        var rows = await db.Tokens.AsNoTracking().Where(t => t.AccountId == actor.AccountId)
            .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .Select(t => new
            {
                t.Id, t.Name, t.Description, t.Status, t.CreatedAt, t.CreatedByName, t.ExpiresAt,
                Modules = t.Permissions.Select(p => p.ModuleId).ToList(),
                CreatorLeft = t.CreatedById != null && t.CreatedById.StartsWith(userPrefix)
                    && !db.Memberships.Any(m => m.AccountId == t.AccountId && m.UserId == t.CreatedById && m.Status == MembershipStatus.Active),
            })
            .ToListAsync(ct);
        return Result<IReadOnlyList<TokenSummary>>.Ok([.. rows.Select(t => new TokenSummary(t.Id, t.Name, t.Description, t.Status,
            [.. t.Modules.Order(StringComparer.Ordinal)], t.CreatedAt, t.CreatedByName, t.CreatorLeft, t.ExpiresAt))]);
    }
}
