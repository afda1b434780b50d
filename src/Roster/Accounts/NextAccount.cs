using Microsoft.EntityFrameworkCore;
using Roster.Data;
using Roster.Sessions;

namespace Roster.Accounts;

/// <summary>
/// Where a user continues when they can no longer work in an account: the account they used most recently among the
/// ones they still belong to (their own last choice, else their most recently active session's), else the first by name.
/// </summary>
public static class NextAccount
{
    public static async Task<WorkingAccount?> ForAsync(RosterDbContext db, string userId, string? leaving, CancellationToken ct)
    {
        var mine = db.Memberships.Where(m => m.UserId == userId && m.Status == MembershipStatus.Active && m.AccountId != leaving)
            .Select(m => m.Account!);
        var lastChosen = db.Users.Where(u => u.Id == userId).Select(u => u.LastAccountId);
        var chosen = await mine.Where(a => lastChosen.Contains(a.Id)).Select(a => new WorkingAccount(a.Id, a.Name, a.Role)).FirstOrDefaultAsync(ct);
        if (chosen is not null) return chosen;
        var recent = await db.Sessions.Where(s => s.UserId == userId && s.AccountId != null && mine.Any(a => a.Id == s.AccountId))
            .OrderByDescending(s => s.LastSeenAt).Select(s => s.AccountId).FirstOrDefaultAsync(ct);
        return await mine.OrderBy(a => a.Id == recent ? 0 : 1).ThenBy(a => a.Name).ThenBy(a => a.Id)
            .Select(a => new WorkingAccount(a.Id, a.Name, a.Role)).FirstOrDefaultAsync(ct);
    }
}
