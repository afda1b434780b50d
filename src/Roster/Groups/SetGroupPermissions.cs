using Roster.Accounts;
using Roster.Audit;
using Roster.Common;
using Roster.Data;

namespace Roster.Groups;

/// <summary>
/// Makes a group's modules exactly the given set, in one locked transaction: all of it or, when it would leave the
/// account without an inviter, none of it.
/// </summary>
public sealed class SetGroupPermissions(RosterDbContext db, TimeProvider clock)
{
    public async Task<Result<Group>> HandleAsync(
        string accountId, string groupId, IReadOnlyCollection<string> moduleIds, Actor actor, CancellationToken ct = default)
    {
        var allowed = await GroupAccess.RequireManagerAsync(db, actor, accountId, ct);
        if (!allowed.Succeeded) return allowed.Error!;
        var unknown = moduleIds.FirstOrDefault(id => !Modules.ModuleCatalog.Exists(id));
        if (unknown is not null) return GroupErrors.UnknownModule(unknown);

        var locked = await GroupAccess.LockAsync(db, actor, accountId, ct);
        if (!locked.Succeeded) return locked.Error!;
        await using var transaction = locked.Value!;
        var found = await GroupAccess.FindAsync(db, accountId, groupId, ct);
        if (!found.Succeeded) return found.Error!;
        var group = found.Value!;

        var now = clock.GetUtcNow();
        foreach (var moduleId in group.Permissions.Select(p => p.ModuleId).Except(moduleIds).ToList())
        {
            group.Revoke(moduleId);
            db.Record(actor, AuditAction.GroupPermissionRevoked, "group", group.Id, group.Name, now, accountId, new { module = moduleId });
        }
        foreach (var moduleId in moduleIds.Distinct())
        {
            if (group.Grant(moduleId, actor, now))
                db.Record(actor, AuditAction.GroupPermissionGranted, "group", group.Id, group.Name, now, accountId, new { module = moduleId });
        }
        var saved = await AccountGuard.SaveKeepingInviterAsync(db, transaction, accountId, ct);
        return saved.Succeeded ? group : saved.Error!;
    }
}
