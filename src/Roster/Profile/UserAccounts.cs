using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Data;

namespace Roster.Profile;

/// <summary>One of the user's accounts as their profile shows it: the account, when they joined, and their groups in it.</summary>
public sealed record UserAccountView(AccountView Account, DateTimeOffset? JoinedAt, IReadOnlyList<UserAccountView.GroupItem> Groups)
{
    public sealed record GroupItem(string Id, string Name, string? Description, string? Color, string? ExternalId, int Revision);
}

/// <summary>The accounts a user is an active member of (Connect's /users/{id}/accounts).</summary>
public static class UserAccounts
{
    public static IQueryable<Account> Of(RosterDbContext db, string userId) =>
        db.Accounts.Where(a => db.Memberships.Any(m => m.AccountId == a.Id && m.UserId == userId && m.Status == MembershipStatus.Active));

    /// <summary>Completes a page of accounts with the user's groups and join dates, in two queries whatever its size.</summary>
    public static async Task<IReadOnlyList<UserAccountView>> ViewAsync(
        RosterDbContext db, string userId, IReadOnlyList<Account> accounts, CancellationToken ct)
    {
        var ids = accounts.Select(a => a.Id).ToList();
        var groups = await db.GroupMembers.AsNoTracking()
            .Where(m => m.UserId == userId && ids.Contains(m.AccountId))
            .Select(m => new { m.AccountId, m.Group!.Id, m.Group.Name, m.Group.Description, m.Group.Color, m.Group.ExternalId, m.Group.Revision })
            .ToListAsync(ct);
        var joined = await db.Memberships.AsNoTracking()
            .Where(m => m.UserId == userId && ids.Contains(m.AccountId))
            .Select(m => new { m.AccountId, At = m.ActivatedAt ?? m.CreatedAt })
            .ToDictionaryAsync(m => m.AccountId, m => m.At, ct);
        return
        [
            .. accounts.Select(a => new UserAccountView(AccountView.Of(a), joined.TryGetValue(a.Id, out var at) ? at : null,
                [.. groups.Where(g => g.AccountId == a.Id).OrderBy(g => g.Name, StringComparer.OrdinalIgnoreCase).ThenBy(g => g.Id)
                    .Select(g => new UserAccountView.GroupItem(g.Id, g.Name, g.Description, g.Color, g.ExternalId, g.Revision))])),
        ];
    }
}
