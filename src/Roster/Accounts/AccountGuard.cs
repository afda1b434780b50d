using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Roster.Common;
using Roster.Data;
using Roster.Modules;

namespace Roster.Accounts;

/// <summary>
/// Every account keeps at least one active member holding the Account module: someone who can invite. Changes that
/// could break that run inside <see cref="LockAsync"/>, which serialises them per account (a row lock on PostgreSQL;
/// SQLite's immediate transactions admit one writer at a time), and check <see cref="HasInviterAsync"/> before
/// committing, so two concurrent removals cannot both pass.
/// </summary>
public static class AccountGuard
{
    public static readonly Error LastInviter = new("users.last_admin",
        "This change would leave the account without an active member who can invite users. " +
        "Give another active member the Account module first.");

    public static async Task<IDbContextTransaction> LockAsync(RosterDbContext db, string accountId, CancellationToken ct)
    {
        var transaction = await db.Database.BeginTransactionAsync(ct);
        if (db.Provider == DatabaseProvider.Postgres)
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM accounts WHERE \"Id\" = {accountId} FOR UPDATE", ct);
        return transaction;
    }

    public static Task<bool> HasInviterAsync(RosterDbContext db, string accountId, CancellationToken ct) =>
        (from member in db.GroupMembers
         join permission in db.GroupPermissions on member.GroupId equals permission.GroupId
         join membership in db.Memberships on new { member.AccountId, member.UserId } equals new { membership.AccountId, membership.UserId }
         where member.AccountId == accountId && permission.ModuleId == ModuleCatalog.Account
               && membership.Status == MembershipStatus.Active
         select member.UserId).AnyAsync(ct);

    /// <summary>Saves, then commits only if the account still has an inviter; otherwise rolls everything back.</summary>
    public static async Task<Result> SaveKeepingInviterAsync(RosterDbContext db, IDbContextTransaction transaction, string accountId, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        if (!await HasInviterAsync(db, accountId, ct))
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return LastInviter;
        }
        await transaction.CommitAsync(ct);
        return Result.Ok();
    }
}
