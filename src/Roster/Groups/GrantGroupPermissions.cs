using Roster.Audit;
using Roster.Common;
using Roster.Data;

namespace Roster.Groups;

/// <summary>Gives a group's members modules. Granting a module the group has changes nothing.</summary>
public sealed class GrantGroupPermissions(RosterDbContext db, TimeProvider clock)
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
            if (group.Grant(moduleId, actor, now))
                db.Record(actor, AuditAction.GroupPermissionGranted, "group", group.Id, group.Name, now, group.AccountId, new { module = moduleId });
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return group;
    }
}
