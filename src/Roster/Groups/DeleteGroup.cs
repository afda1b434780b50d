using Roster.Accounts;
using Roster.Audit;
using Roster.Common;
using Roster.Data;

namespace Roster.Groups;

/// <summary>
/// Deletes a group with its permissions and memberships; the users stay in the account. Refused when the group
/// holds the account's last active inviter, Administrators included. Answers the group as it was.
/// </summary>
public sealed class DeleteGroup(RosterDbContext db, TimeProvider clock)
{
    public async Task<Result<GroupView>> HandleAsync(string accountId, string groupId, Actor actor, CancellationToken ct = default)
    {
        var opened = await GroupAccess.LockGroupAsync(db, actor, accountId, groupId, ct);
        if (!opened.Succeeded) return opened.Error;
        await using var locked = opened.Value;
        var (group, transaction) = locked;
        var deleted = GroupView.Of(group);

        db.Groups.Remove(group);
        db.Record(actor, AuditAction.GroupDeleted, "group", group.Id, group.Name, clock.GetUtcNow(), group.AccountId, new
        {
            before = new
            {
                name = group.Name, description = group.Description, color = group.Color, external_id = group.ExternalId,
                permissions = group.Permissions.Select(p => p.ModuleId).Order(StringComparer.Ordinal).ToList(),
            },
        });
        var saved = await AccountGuard.SaveKeepingInviterAsync(db, transaction, accountId, ct);
        return saved.Succeeded ? deleted : saved.Error;
    }
}
