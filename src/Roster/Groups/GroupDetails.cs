using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Common;
using Roster.Data;
using Roster.Querying;

namespace Roster.Groups;

/// <summary>
/// One group as its portal page shows it: the group, its members by name and, for those who may change it, the
/// users of the account who could join it.
/// </summary>
public sealed record GroupPage(GroupView Group, bool CanManage, IReadOnlyList<GroupMemberView> Members, IReadOnlyList<GroupMemberView> Candidates);

/// <summary>One group of an account, with its module grants and its members; everyone in the account reads them.</summary>
public sealed class GroupDetails(RosterDbContext db)
{
    public async Task<Result<GroupView>> ReadAsync(Actor actor, string accountId, string groupId, CancellationToken ct = default)
    {
        var allowed = await GroupAccess.RequireReaderAsync(db, actor, accountId, ct);
        if (!allowed.Succeeded) return allowed.Error;
        var row = await GroupListing.Rows(db, accountId).AsNoTracking().SingleOrDefaultAsync(r => r.Group.Id == groupId, ct);
        return row is null ? GroupErrors.NotFound : GroupView.Of(row);
    }

    /// <summary>A group of the actor's active account, for its portal page.</summary>
    public async Task<Result<GroupPage>> PageAsync(Actor actor, string groupId, CancellationToken ct = default)
    {
        if (actor.AccountId is not { } accountId) return Error.NotFound("account");
        var group = await ReadAsync(actor, accountId, groupId, ct);
        if (!group.Succeeded) return group.Error;
        var canManage = (await GroupAccess.RequireManagerAsync(db, actor, accountId, ct)).Succeeded;
        var members = await GroupListing.Members(db, accountId, groupId).AsNoTracking().OrderBy(m => m.Name).ThenBy(m => m.UserId)
            .Select(m => new GroupMemberView(m.UserId, m.Name, m.Email, m.Status, m.RevokedAt != null)).ToListAsync(ct);
        var candidates = canManage
            ? await db.Memberships.AsNoTracking()
                .Where(m => m.AccountId == accountId && m.Status != MembershipStatus.Expired
                            && !db.GroupMembers.Any(g => g.GroupId == groupId && g.UserId == m.UserId))
                .OrderBy(m => m.Name).ThenBy(m => m.UserId)
                .Select(m => new GroupMemberView(m.UserId, m.Name, m.Email, m.Status, m.RevokedAt != null)).ToListAsync(ct)
            : [];
        return new GroupPage(group.Value, canManage, members, candidates);
    }

    /// <summary>The modules a group gives, as a list: GET /accounts/{a}/groups/{g}/permissions.</summary>
    public async Task<Result<RqlPage<GrantView>>> PermissionsAsync(Actor actor, string accountId, string groupId, RqlQuery query, CancellationToken ct = default)
    {
        var allowed = await GroupAccess.RequireReadableGroupAsync(db, actor, accountId, groupId, ct);
        if (!allowed.Succeeded) return allowed.Error;
        var page = await GroupListing.Permissions.ReadPageAsync(
            db.GroupPermissions.AsNoTracking().Where(p => p.GroupId == groupId), query, RqlDialect.For(db.Provider), ct);
        return page.Succeeded ? page.Value.Select(GrantView.Of) : page.Error;
    }

    /// <summary>A group's members, as a list: GET /accounts/{a}/groups/{g}/users.</summary>
    public async Task<Result<RqlPage<GroupMemberView>>> MembersAsync(Actor actor, string accountId, string groupId, RqlQuery query, CancellationToken ct = default)
    {
        var allowed = await GroupAccess.RequireReadableGroupAsync(db, actor, accountId, groupId, ct);
        if (!allowed.Succeeded) return allowed.Error;
        var page = await GroupListing.UsersOf(groupId).ReadPageAsync(GroupListing.Members(db, accountId, groupId).AsNoTracking(), query, RqlDialect.For(db.Provider), ct);
        return page.Succeeded ? page.Value.Select(GroupMemberView.Of) : page.Error;
    }
}
