using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Roster.Accounts;
using Roster.Common;
using Roster.Data;
using Roster.Modules;
using Roster.Security;

namespace Roster.Groups;

/// <summary>
/// Anyone in the account (an active member or one of its tokens) reads its groups; holders of the Account module
/// change them. Outside the account everything is "not found".
/// </summary>
public static class GroupAccess
{
    public static async Task<Result> RequireReaderAsync(RosterDbContext db, Actor actor, string accountId, CancellationToken ct) =>
        await db.IsMemberAsync(actor, accountId, ct) ? Result.Ok() : Error.NotFound("account");

    /// <summary>For the sub-lists of one group: the caller reads the account, and the group is in it.</summary>
    public static async Task<Result> RequireReadableGroupAsync(RosterDbContext db, Actor actor, string accountId, string groupId, CancellationToken ct)
    {
        var allowed = await RequireReaderAsync(db, actor, accountId, ct);
        if (!allowed.Succeeded) return allowed;
        return await db.Groups.AnyAsync(g => g.Id == groupId && g.AccountId == accountId, ct) ? Result.Ok() : GroupErrors.NotFound;
    }

    public static Task<Result> RequireManagerAsync(RosterDbContext db, Actor actor, string accountId, CancellationToken ct) =>
        db.RequireModuleAsync(actor, accountId, ModuleCatalog.Account, ct);

    /// <summary>
    /// Takes the account lock that every group change holds, so name checks and the inviter invariant see no
    /// concurrent writer, and checks the Account module under it: a change that just committed may have taken it away.
    /// </summary>
    public static Task<Result<IDbContextTransaction>> LockAsync(RosterDbContext db, Actor actor, string accountId, CancellationToken ct) =>
        AccountGuard.LockForAsync(db, actor, accountId, ModuleCatalog.Account, ct);

    public static async Task<Result<Group>> FindAsync(RosterDbContext db, string accountId, string groupId, CancellationToken ct)
    {
        var group = await db.Groups.Include(g => g.Permissions)
            .SingleOrDefaultAsync(g => g.Id == groupId && g.AccountId == accountId, ct);
        return group is null ? GroupErrors.NotFound : group;
    }

    /// <summary>
    /// The lock of <see cref="LockAsync"/>, then the group, for a change to one group. <paramref name="invalid"/>, a
    /// refusal of the request's own input, is answered only to someone allowed to make the change.
    /// </summary>
    public static async Task<Result<LockedGroup>> LockGroupAsync(
        RosterDbContext db, Actor actor, string accountId, string groupId, CancellationToken ct, Error? invalid = null)
    {
        var locked = await LockAsync(db, actor, accountId, ct);
        if (!locked.Succeeded) return locked.Error;
        Result<Group> found = invalid is null ? await FindAsync(db, accountId, groupId, ct) : invalid;
        if (found.Succeeded) return new LockedGroup(found.Value, locked.Value);
        await locked.Value.DisposeAsync();
        return found.Error;
    }

    /// <summary>The lock and the group of <see cref="LockGroupAsync"/>, for putting <paramref name="userId"/> into it or taking them out.</summary>
    public static Task<Result<LockedGroup>> LockForMemberChangeAsync(
        RosterDbContext db, Actor actor, string accountId, string groupId, string? userId, CancellationToken ct) =>
        LockGroupAsync(db, actor, accountId, groupId, ct, invalid: string.IsNullOrWhiteSpace(userId) ? GroupErrors.UserRequired : null);
}

/// <summary>A group a change holds the account's lock for; disposing it without committing leaves everything as it was.</summary>
public sealed record LockedGroup(Group Group, IDbContextTransaction Transaction) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Transaction.DisposeAsync();
}
