using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;

namespace Roster.Users;

/// <summary>One member of an account, read as <see cref="MemberList"/> reads them, under the same access.</summary>
public sealed class MemberDetails(RosterDbContext db, MemberViews views)
{
    public async Task<Result<MemberView>> ReadAsync(Actor actor, string accountId, string userId, CancellationToken ct = default)
    {
        var access = await MemberAccess.ReadAsync(db, actor, accountId, ct);
        if (!access.Succeeded) return access.Error;
        var membership = await db.Memberships.AsNoTracking().SingleOrDefaultAsync(m => m.AccountId == accountId && m.UserId == userId, ct);
        if (membership is null) return Error.NotFound("user");
        return await views.ForOneAsync(membership, access.Value, ct);
    }

    /// <summary>For the portal's dialogs, which only those who manage users open; anyone else finds no such user.</summary>
    public async Task<Result<MemberView>> ReadManagedAsync(Actor actor, string accountId, string userId, CancellationToken ct = default)
    {
        var access = await MemberAccess.ReadAsync(db, actor, accountId, ct);
        if (!access.Succeeded) return access.Error;
        if (!access.Value) return Error.NotFound("user");
        var membership = await db.Memberships.AsNoTracking().SingleOrDefaultAsync(m => m.AccountId == accountId && m.UserId == userId, ct);
        if (membership is null) return Error.NotFound("user");
        return await views.ForOneAsync(membership, withLinks: false, ct);
    }
}
