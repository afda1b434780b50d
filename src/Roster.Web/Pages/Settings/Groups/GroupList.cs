using Microsoft.EntityFrameworkCore;
using Roster.Data;
using Roster.Groups;
using Roster.Modules;
using Roster.Web.Auth;

namespace Roster.Web.Pages.Settings.Groups;

/// <summary>The account's groups as the Groups page lists them.</summary>
public sealed class GroupListView
{
    public required IReadOnlyList<GroupRow> Rows { get; init; }
    public required bool CanManage { get; init; }

    /// <summary>Set by pages that show a dialog over the list.</summary>
    public bool Background { get; set; }

    public static string ModuleName(string id) => ModuleCatalog.All.FirstOrDefault(m => m.Id == id)?.Name ?? id;

    public static string Modules(Group group)
    {
        var names = ModuleCatalog.All.Where(m => group.Permissions.Any(p => p.ModuleId == m.Id)).Select(m => m.Name).ToList();
        return names.Count switch
        {
            0 => "None",
            _ when names.Count == ModuleCatalog.All.Count => $"All modules ({names.Count})",
            _ => string.Join(", ", names),
        };
    }
}

public static class GroupList
{
    /// <summary>Null when the caller has no active account or is not a member of it.</summary>
    public static async Task<GroupListView?> LoadAsync(HttpContext http, RosterDbContext db)
    {
        var actor = http.Actor();
        var ct = http.RequestAborted;
        if (actor.AccountId is not { } accountId || !(await GroupAccess.RequireReaderAsync(db, actor, accountId, ct)).Succeeded) return null;
        var rows = await GroupListing.Rows(db, accountId).AsNoTracking().OrderBy(r => r.Group.Name).ThenBy(r => r.Group.Id).ToListAsync(ct);
        return new GroupListView
        {
            Rows = rows,
            CanManage = (await GroupAccess.RequireManagerAsync(db, actor, accountId, ct)).Succeeded,
        };
    }
}
