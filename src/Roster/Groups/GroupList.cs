using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Querying;

namespace Roster.Groups;

/// <summary>The account's groups, with what the portal's Groups page needs to draw its actions.</summary>
public sealed record GroupOverview(IReadOnlyList<GroupView> Groups, bool CanManage);

/// <summary>An account's groups with their modules and member counts; everyone in the account reads them.</summary>
public sealed class GroupList(RosterDbContext db)
{
    public async Task<Result<RqlPage<GroupView>>> ReadAsync(Actor actor, string accountId, RqlQuery query, CancellationToken ct = default)
    {
        var allowed = await GroupAccess.RequireReaderAsync(db, actor, accountId, ct);
        if (!allowed.Succeeded) return allowed.Error;
        var page = await GroupListing.Resource.ReadPageAsync(GroupListing.Rows(db, accountId).AsNoTracking(), query, RqlDialect.For(db.Provider), ct);
        return page.Succeeded ? page.Value.Select(GroupView.Of) : page.Error;
    }

    /// <summary>The groups of the actor's active account by name, and whether the actor may change them.</summary>
    public async Task<Result<GroupOverview>> OverviewAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.AccountId is not { } accountId) return Error.NotFound("account");
        var allowed = await GroupAccess.RequireReaderAsync(db, actor, accountId, ct);
        if (!allowed.Succeeded) return allowed.Error;
        var rows = await GroupListing.Rows(db, accountId).AsNoTracking().OrderBy(r => r.Group.Name).ThenBy(r => r.Group.Id).ToListAsync(ct);
        var canManage = (await GroupAccess.RequireManagerAsync(db, actor, accountId, ct)).Succeeded;
        return new GroupOverview([.. rows.Select(GroupView.Of)], canManage);
    }
}
