using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Modules;
using Roster.Security;

namespace Roster.Users;

/// <summary>
/// The modules a person would lose by changing their own groups in an account, so that the portal can ask before they
/// take away what only someone else can give back. Someone else's groups, or groups that keep every module, lose
/// nothing worth asking about; the groups are checked as <see cref="UpdateMember"/> checks them.
/// </summary>
public sealed class OwnModuleLoss(RosterDbContext db)
{
    public async Task<Result<IReadOnlyList<Module>>> ReadAsync(
        Actor actor, string accountId, string userId, IReadOnlyCollection<string>? groupIds, CancellationToken ct = default)
    {
        var manager = await MemberAccess.RequireManagerAsync(db, actor, accountId, ct);
        if (!manager.Succeeded) return manager.Error;
        var groups = await MemberAccess.ValidateGroupsAsync(db, accountId, groupIds, ct);
        if (!groups.Succeeded) return groups.Error;
        if (actor.Kind != ActorKind.User || actor.Id != userId) return Array.Empty<Module>();

        var held = await db.HeldModulesAsync(actor, accountId, ct);
        var chosen = groups.Value;
        var kept = await db.GroupPermissions.Where(p => chosen.Contains(p.GroupId)).Select(p => p.ModuleId).Distinct().ToListAsync(ct);
        return ModuleCatalog.All.Where(m => held.Contains(m.Id) && !kept.Contains(m.Id)).ToList();
    }
}
