using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Security;

namespace Roster.Groups;

/// <summary>
/// Puts a user of the account (invited or active) into a group, which hands them its modules: only someone holding
/// each of them may. Answers them as the group shows its members. Adding a user the group already has changes nothing.
/// </summary>
public sealed class AddGroupMember(RosterDbContext db, TimeProvider clock)
{
    public async Task<Result<GroupMemberView>> HandleAsync(string accountId, string groupId, string? userId, Actor actor, CancellationToken ct = default)
    {
        var opened = await GroupAccess.LockForMemberChangeAsync(db, actor, accountId, groupId, userId, ct);
        if (!opened.Succeeded) return opened.Error;
        await using var locked = opened.Value;
        var (group, transaction) = locked;
        var membership = await db.Memberships.AsNoTracking().SingleOrDefaultAsync(
            m => m.AccountId == accountId && m.UserId == userId && m.Status != MembershipStatus.Expired, ct);
        if (membership is null) return GroupErrors.NotAccountMember;

        if (!await db.GroupMembers.AnyAsync(m => m.GroupId == group.Id && m.UserId == userId, ct))
        {
            var held = await Privileges.RequireHeldAsync(db, actor, accountId, group.Permissions.Select(p => p.ModuleId), "id", ct);
            if (!held.Succeeded) return held.Error;
            db.GroupMembers.Add(new GroupMember { GroupId = group.Id, AccountId = accountId, UserId = membership.UserId, AddedAt = clock.GetUtcNow() });
            db.Record(actor, AuditAction.GroupMemberAdded, "group", group.Id, group.Name, clock.GetUtcNow(), accountId,
                new { user = new { id = membership.UserId, name = membership.Name, email = membership.Email } });
            await db.SaveChangesAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return GroupMemberView.Of(membership);
    }
}
