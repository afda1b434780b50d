using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Modules;

namespace Roster.Security;

/// <summary>
/// Nobody hands out a module they do not hold. Granting a module to a token or to a group, and putting a person into
/// a group (which hands them the group's modules), needs the actor, user or token, to hold each of those modules in
/// the account, besides the permission to manage tokens, groups or users. Taking modules away needs no more than
/// that permission. Callers check under the account lock, in the transaction that writes.
/// </summary>
public static class Privileges
{
    public const string NotHeldCode = "permission.not_held";

    /// <summary><paramref name="field"/> is where a form shows the refusal.</summary>
    public static async Task<Result> RequireHeldAsync(
        RosterDbContext db, Actor actor, string accountId, IEnumerable<string> moduleIds, string field, CancellationToken ct)
    {
        var handedOut = moduleIds.ToHashSet(StringComparer.Ordinal);
        if (handedOut.Count == 0) return Result.Ok();
        var held = await db.HeldModulesAsync(actor, accountId, ct);
        var missing = ModuleCatalog.All.Where(m => handedOut.Contains(m.Id) && !held.Contains(m.Id)).ToList();
        return missing.Count == 0 ? Result.Ok() : NotHeld(missing, field);
    }

    /// <summary>For putting a person into <paramref name="groupIds"/> (groups of the account): every module they grant.</summary>
    public static async Task<Result> RequireHeldForGroupsAsync(
        RosterDbContext db, Actor actor, string accountId, IReadOnlyCollection<string> groupIds, string field, CancellationToken ct)
    {
        if (groupIds.Count == 0) return Result.Ok();
        var modules = await db.GroupPermissions.Where(p => groupIds.Contains(p.GroupId)).Select(p => p.ModuleId).Distinct().ToListAsync(ct);
        return await RequireHeldAsync(db, actor, accountId, modules, field, ct);
    }

    private static Error NotHeld(IEnumerable<Module> missing, string field) => new(NotHeldCode,
        "You can only hand out modules you hold yourself in this account, and you do not hold " +
        string.Join(", ", missing.Select(m => $"{m.Name} ({m.Id})")) + ".",
        ErrorKind.Forbidden, field);
}
