using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Roster.Common;
using Roster.Data;
using Roster.Modules;
using Roster.Security;

namespace Roster.Accounts;

/// <summary>
/// Every change to an account runs under its lock (a row lock on PostgreSQL; SQLite's immediate transactions admit one
/// writer at a time) and checks the actor's access under that lock, in the transaction that writes (see ADR 0004).
/// So a change that commits was allowed by the state it saw at commit: a demotion that committed first is seen, and a
/// later one waits. Changes that could leave the account without someone who can invite also check
/// <see cref="HasInviterAsync"/> before committing, so two concurrent removals cannot both pass.
/// </summary>
public static class AccountGuard
{
    public static readonly Error LastInviter = new("users.last_admin",
        "This change would leave the account without an active member who can invite users. " +
        "Give another active member the Account module first.");

    /// <summary>Lock, then check, then write: the actor must hold <paramref name="moduleId"/> in the account.</summary>
    public static Task<Result<IDbContextTransaction>> LockForAsync(
        RosterDbContext db, Actor actor, string accountId, string moduleId, CancellationToken ct) =>
        LockCheckedAsync(db, [accountId], c => db.RequireModuleAsync(actor, accountId, moduleId, c), ct);

    /// <summary>Lock, then check, then write: the actor must be in the account (an active member or one of its tokens).</summary>
    public static Task<Result<IDbContextTransaction>> LockForMemberAsync(
        RosterDbContext db, Actor actor, string accountId, CancellationToken ct) =>
        LockCheckedAsync(db, [accountId], async c => await db.IsMemberAsync(actor, accountId, c) ? Result.Ok() : Error.NotFound("account"), ct);

    /// <summary>
    /// Takes the locks of <paramref name="accountIds"/> and runs <paramref name="check"/> under them; on success the caller
    /// writes and commits in the transaction returned. The check also runs once before locking, so that callers who
    /// may not write there (outsiders included) never queue on an account's lock.
    /// </summary>
    public static async Task<Result<IDbContextTransaction>> LockCheckedAsync(
        RosterDbContext db, IReadOnlyCollection<string> accountIds, Func<CancellationToken, Task<Result>> check, CancellationToken ct)
    {
        var allowed = await check(ct);
        if (!allowed.Succeeded) return allowed.Error;
        var transaction = await LockAsync(db, accountIds, ct);
        allowed = await check(ct);
        if (allowed.Succeeded) return Result<IDbContextTransaction>.Ok(transaction);
        await transaction.DisposeAsync();
        return allowed.Error;
    }

    public static Task<IDbContextTransaction> LockAsync(RosterDbContext db, string accountId, CancellationToken ct) =>
        LockAsync(db, [accountId], ct);

    /// <summary>
    /// Begins a transaction holding the lock of each account, taken in ordinal order so that two changes never deadlock.
    /// Inside a transaction the request already holds (an Idempotency-Key's), the change joins it from a savepoint:
    /// it rolls back on its own and commits with that transaction.
    /// </summary>
    public static async Task<IDbContextTransaction> LockAsync(RosterDbContext db, IEnumerable<string> accountIds, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction is { } outer
            ? await JoinedTransaction.BeginAsync(outer, ct)
            : await db.Database.BeginTransactionAsync(ct);
        if (db.Provider != DatabaseProvider.Postgres) return transaction;
        foreach (var accountId in accountIds.Distinct().Order(StringComparer.Ordinal))
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
        var saved = await SaveKeepingInviterAsync(db, transaction, accountId, _ => Task.FromResult(0), ct);
        return saved.Succeeded ? Result.Ok() : saved.Error;
    }

    /// <summary>
    /// Saves, then, if the account still has an inviter, runs <paramref name="beforeCommit"/> in the transaction and
    /// commits; otherwise rolls everything back. The answer is built there, from what the transaction holds: once the
    /// commit is acknowledged nothing may fail and turn a change that was made into an error.
    /// </summary>
    public static async Task<Result<T>> SaveKeepingInviterAsync<T>(
        RosterDbContext db, IDbContextTransaction transaction, string accountId, Func<CancellationToken, Task<T>> beforeCommit, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        if (!await HasInviterAsync(db, accountId, ct))
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return LastInviter;
        }
        var answer = await beforeCommit(ct);
        await transaction.CommitAsync(ct);
        return answer;
    }
}
