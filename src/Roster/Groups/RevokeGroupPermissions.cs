using Roster.Accounts;
using Roster.Audit;
using Roster.Common;
using Roster.Data;

namespace Roster.Groups;

/// <summary>
/// Takes modules away from a group. Revoking one it lacks changes nothing. Refused when the group holds the
/// account's last active inviter and the Account module is among those revoked.
/// </summary>
public sealed class RevokeGroupPermissions(RosterDbContext db, TimeProvider clock)
{
    public async Task<Result<Group>> HandleAsync(
        string accountId, string groupId, IReadOnlyCollection<string> moduleIds, Actor actor, CancellationToken ct = default)
    {
        var allowed = await GroupAccess.RequireManagerAsync(db, actor, accountId, ct);
        if (!allowed.Succeeded) return allowed.Error!;
        var invalid = GroupRules.ValidateModules(moduleIds);
        if (invalid is not null) return invalid;

        var locked = await GroupAccess.LockAsync(db, actor, accountId, ct);
        if (!locked.Succeeded) return locked.Error!;
        await using var transaction = locked.Value!;
        var found = await GroupAccess.FindAsync(db, accountId, groupId, ct);
        if (!found.Succeeded) return found.Error!;
        var group = found.Value!;

        var now = clock.GetUtcNow();
        foreach (var moduleId in moduleIds.Distinct())
        {
            if (group.Revoke(moduleId))
                db.Record(actor, AuditAction.GroupPermissionRevoked, "group", group.Id, group.Name, now, group.AccountId, new { module = moduleId });
        }
        var saved = await AccountGuard.SaveKeepingInviterAsync(db, transaction, accountId, ct);
        return saved.Succeeded ? group : saved.Error!;
    }
}
