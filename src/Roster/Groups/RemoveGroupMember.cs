using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Audit;
using Roster.Common;
using Roster.Data;

namespace Roster.Groups;

/// <summary>Takes a user out of a group; they stay in the account. Refused when they are its last active inviter.</summary>
public sealed class RemoveGroupMember(RosterDbContext db, TimeProvider clock)
{
    public async Task<Result> HandleAsync(string accountId, string groupId, string? userId, Actor actor, CancellationToken ct = default)
    {
        var locked = await GroupAccess.LockAsync(db, actor, accountId, ct);
        if (!locked.Succeeded) return locked.Error;
        await using var transaction = locked.Value;
        if (string.IsNullOrWhiteSpace(userId)) return GroupErrors.UserRequired;
        var found = await GroupAccess.FindAsync(db, accountId, groupId, ct);
        if (!found.Succeeded) return found.Error;
        var group = found.Value;
        var member = await db.GroupMembers.SingleOrDefaultAsync(m => m.GroupId == group.Id && m.UserId == userId, ct);
        if (member is null) return GroupErrors.MemberNotFound;

        var person = await db.Memberships.Where(m => m.AccountId == accountId && m.UserId == userId)
            .Select(m => new { m.Name, m.Email }).SingleOrDefaultAsync(ct);
        db.GroupMembers.Remove(member);
        db.Record(actor, AuditAction.GroupMemberRemoved, "group", group.Id, group.Name, clock.GetUtcNow(), accountId,
            new { user = new { id = member.UserId, name = person?.Name, email = person?.Email } });
        return await AccountGuard.SaveKeepingInviterAsync(db, transaction, accountId, ct);
    }
}
