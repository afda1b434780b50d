using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Roster.Accounts;
using Roster.Common;
using Roster.Data;
using Roster.Modules;
using Roster.Security;

namespace Roster.Partners;

/// <summary>
/// An actor sees the partnerships of the account it acts in; holders of the Account module change them. Changes take
/// the lock of both accounts, always in ordinal order of their ids, so two changes on one pair never deadlock.
/// </summary>
public static class PartnerAccess
{
    public static async Task<Result<string>> RequireReaderAsync(RosterDbContext db, Actor actor, CancellationToken ct) =>
        actor.AccountId is { } accountId && await db.IsMemberAsync(actor, accountId, ct)
            ? accountId
            : Error.NotFound("account");

    public static async Task<Result<string>> RequireManagerAsync(RosterDbContext db, Actor actor, CancellationToken ct)
    {
        if (actor.AccountId is not { } accountId) return Error.NotFound("account");
        var allowed = await db.RequireModuleAsync(actor, accountId, ModuleCatalog.Account, ct);
        return allowed.Succeeded ? accountId : allowed.Error;
    }

    /// <summary>Locks both accounts and checks the caller's module under the lock.</summary>
    public static Task<Result<IDbContextTransaction>> LockPairAsync(
        RosterDbContext db, Actor actor, string accountId, string otherId, CancellationToken ct) =>
        AccountGuard.LockCheckedAsync(db, [accountId, otherId], c => db.RequireModuleAsync(actor, accountId, ModuleCatalog.Account, c), ct);

    /// <summary>The one partnership of the pair that has not ended, if any.</summary>
    public static Task<Partnership?> FindCurrentAsync(RosterDbContext db, string accountId, string otherId, CancellationToken ct) =>
        db.Partnerships.SingleOrDefaultAsync(p => p.Status != PartnershipStatus.Terminated
            && ((p.InviterAccountId == accountId && p.InviteeAccountId == otherId)
                || (p.InviterAccountId == otherId && p.InviteeAccountId == accountId)), ct);

    /// <summary>
    /// The acting account's current partnership with <paramref name="partnerId"/>, for a change: the pair locked and
    /// the Account module checked under the lock. Not found when there is none, or the partner is the account itself.
    /// </summary>
    public static async Task<Result<LockedPartnership>> LockCurrentAsync(RosterDbContext db, Actor actor, string partnerId, CancellationToken ct)
    {
        var allowed = await RequireManagerAsync(db, actor, ct);
        if (!allowed.Succeeded) return allowed.Error;
        var accountId = allowed.Value;
        if (partnerId == accountId) return PartnerErrors.NotFound;

        var locked = await LockPairAsync(db, actor, accountId, partnerId, ct);
        if (!locked.Succeeded) return locked.Error;
        var partnership = await FindCurrentAsync(db, accountId, partnerId, ct);
        if (partnership is not null) return new LockedPartnership(accountId, partnership, locked.Value);
        await locked.Value.DisposeAsync();
        return PartnerErrors.NotFound;
    }
}

/// <summary>A partnership a change holds the lock of; disposing it without committing leaves everything as it was.</summary>
public sealed record LockedPartnership(string AccountId, Partnership Partnership, IDbContextTransaction Transaction) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Transaction.DisposeAsync();
}
