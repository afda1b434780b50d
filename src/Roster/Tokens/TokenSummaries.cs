using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Common;
using Roster.Data;

namespace Roster.Tokens;

/// <summary>
/// A token as the Integrations page lists it. <paramref name="CreatorLeft"/>: the user who made it is no longer an
/// active member of the account. The token is the account's, not theirs, so it keeps working; the mark tells its
/// managers who can no longer be asked about it.
/// </summary>
public sealed record TokenSummary(
    string Id, string Name, string? Description, TokenStatus Status, IReadOnlyList<string> Modules,
    DateTimeOffset CreatedAt, string? CreatedBy, bool CreatorLeft, DateTimeOffset? ExpiresAt);

public static class TokenSummaries
{
    /// <summary>The tokens of the caller's active account, newest first, for holders of the Integrations module.</summary>
    public static async Task<Result<IReadOnlyList<TokenSummary>>> ForAccountAsync(RosterDbContext db, Actor actor, CancellationToken ct)
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
