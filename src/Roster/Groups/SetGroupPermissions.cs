using Roster.Accounts;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Security;

namespace Roster.Groups;

/// <summary>
/// Makes a group's modules exactly the given set, in one locked transaction: all of it or, when it would leave the
/// account without an inviter or grant a module the actor does not hold, none of it. Granting and revoking are the
/// same change with another target.
/// </summary>
public sealed class SetGroupPermissions(RosterDbContext db, TimeProvider clock)
{
    public Task<Result<GroupView>> HandleAsync(
        string accountId, string groupId, IReadOnlyCollection<string> moduleIds, Actor actor, CancellationToken ct = default)
    {
        var unknown = moduleIds.FirstOrDefault(id => !Modules.ModuleCatalog.Exists(id));
        return unknown is not null
            ? Task.FromResult<Result<GroupView>>(GroupErrors.UnknownModule(unknown))
            : ChangeAsync(accountId, groupId, _ => moduleIds, actor, ct);
    }

    /// <summary>Computes the new set from the current one under the lock, so concurrent changes cannot interleave.</summary>
    internal async Task<Result<GroupView>> ChangeAsync(
        string accountId, string groupId, Func<IReadOnlyCollection<string>, IEnumerable<string>> target, Actor actor, CancellationToken ct)
    {
        var opened = await GroupAccess.LockGroupAsync(db, actor, accountId, groupId, ct);
        if (!opened.Succeeded) return opened.Error;
        await using var locked = opened.Value;
        var (group, transaction) = locked;

        var now = clock.GetUtcNow();
        var current = group.Permissions.Select(p => p.ModuleId).ToList();
        var wanted = target(current).Distinct().ToList();
        var held = await Privileges.RequireHeldAsync(db, actor, accountId, wanted.Except(current), "id", ct);
        if (!held.Succeeded) return held.Error;
        foreach (var moduleId in current.Except(wanted))
        {
            group.Revoke(moduleId);
            db.Record(actor, AuditAction.GroupPermissionRevoked, "group", group.Id, group.Name, now, accountId, new { module = moduleId });
        }
        foreach (var moduleId in wanted)
        {
            if (group.Grant(moduleId, actor, now))
                db.Record(actor, AuditAction.GroupPermissionGranted, "group", group.Id, group.Name, now, accountId, new { module = moduleId });
        }
        var saved = await AccountGuard.SaveKeepingInviterAsync(db, transaction, accountId, ct);
        return saved.Succeeded ? GroupView.Of(group) : saved.Error;
    }
}
