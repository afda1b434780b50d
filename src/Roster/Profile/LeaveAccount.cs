using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Audit;
using Roster.Common;
using Roster.Data;

namespace Roster.Profile;

/// <summary>
/// The account left, and the account the user's sessions work in now (none when it was their last).
/// <paramref name="WasWorkingIn"/>: the session that left was working in that account, so it has moved.
/// </summary>
public sealed record LeftAccount(string AccountId, string AccountName, string? NowInId, string? NowInName, bool WasWorkingIn);

/// <summary>
/// A user leaves one of their accounts. Nobody is kept in an account against their will: the only refusal is when
/// they are its last active member who can invite, since the account would then have nobody to manage it. Their
/// groups, contact entries and access there end at once; sessions that were working in it move to another of their
/// accounts. The account's trail records the departure.
/// </summary>
public sealed class LeaveAccount(RosterDbContext db, TimeProvider clock)
{
    public async Task<Result<LeftAccount>> HandleAsync(string userId, string accountId, Actor actor, CancellationToken ct = default)
    {
        var self = Self.Require(actor, userId);
        if (!self.Succeeded) return self.Error;

        await using var transaction = await AccountGuard.LockAsync(db, accountId, ct);
        var membership = await db.Memberships.Include(m => m.Account)
            .SingleOrDefaultAsync(m => m.AccountId == accountId && m.UserId == userId && m.Status == MembershipStatus.Active, ct);
        if (membership is null) return Error.NotFound("account");
        var account = membership.Account!;

        var now = clock.GetUtcNow();
        db.Memberships.Remove(membership);
        db.Record(actor, AuditAction.MemberLeft, "user", userId, membership.Name, now, accountId, new { email = membership.Email });
        var next = await NextAccount.ForAsync(db, userId, accountId, ct);
        var nextId = next?.Id;
        await db.Sessions.Where(s => s.UserId == userId && s.AccountId == accountId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.AccountId, nextId), ct);
        await db.Users.Where(u => u.Id == userId && u.LastAccountId == accountId)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.LastAccountId, nextId), ct);

        var saved = await AccountGuard.SaveKeepingInviterAsync(db, transaction, accountId, ct);
        if (!saved.Succeeded) return LastInviter(account.Name);
        return new LeftAccount(accountId, account.Name, next?.Id, next?.Name, actor.AccountId == accountId);
    }

    private static Error LastInviter(string accountName) => new("users.last_admin",
        $"You are the last active member of {accountName} who can invite users, so leaving would leave it without anyone " +
        "to manage it. Give another active member the Account module first (Settings › Groups), then leave.",
        ErrorKind.Conflict);
}
