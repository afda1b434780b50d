using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Audit;
using Roster.Common;
using Roster.Data;

namespace Roster.Groups;

/// <summary>Takes a user out of a group (they stay in the account), unless that leaves the account without an inviter.</summary>
public sealed class RemoveGroupMember(RosterDbContext db, TimeProvider clock)
{
    public async Task<Result<GroupMemberView>> HandleAsync(string accountId, string groupId, string? userId, Actor actor, CancellationToken ct = default)
    {
        var opened = await GroupAccess.LockForMemberChangeAsync(db, actor, accountId, groupId, userId, ct);
        if (!opened.Succeeded) return opened.Error;
        await using var locked = opened.Value;
        var (group, transaction) = locked;
        var member = await db.GroupMembers.SingleOrDefaultAsync(m => m.GroupId == group.Id && m.UserId == userId, ct);
        if (member is null) return GroupErrors.MemberNotFound;

        // A group member is always a member of the account: the key from group_members to memberships says so.
        var person = await db.Memberships.AsNoTracking().Where(m => m.AccountId == accountId && m.UserId == userId)
            .Select(m => new GroupMemberView(m.UserId, m.Name, m.Email, m.Status, m.RevokedAt != null)).SingleAsync(ct);
        db.GroupMembers.Remove(member);
        db.Record(actor, AuditAction.GroupMemberRemoved, "group", group.Id, group.Name, clock.GetUtcNow(), accountId,
            new { user = new { id = member.UserId, name = person.Name, email = person.Email } });
        var saved = await AccountGuard.SaveKeepingInviterAsync(db, transaction, accountId, ct);
        return saved.Succeeded ? person : saved.Error;
    }
}
