using Roster.Groups;
using Roster.Modules;
using Roster.Web.Auth;

namespace Roster.Web.Pages.Settings.Groups;

/// <summary>The account's groups as the Groups page lists them.</summary>
public sealed class GroupListView(GroupOverview overview)
{
    public IReadOnlyList<GroupView> Rows => overview.Groups;
    public bool CanManage => overview.CanManage;

    /// <summary>Set by pages that show a dialog over the list.</summary>
    public bool Background { get; set; }

    public static string Modules(GroupView group)
    {
        var names = group.ModuleNames;
        return names.Count switch
        {
            0 => "None",
            _ when names.Count == ModuleCatalog.All.Count => $"All modules ({names.Count})",
            _ => string.Join(", ", names),
        };
    }

    /// <summary>Null when the caller has no active account or is not a member of it.</summary>
    public static async Task<GroupListView?> LoadAsync(HttpContext http, GroupList groups)
    {
        var overview = await groups.OverviewAsync(http.Actor(), http.RequestAborted);
        return overview.Succeeded ? new GroupListView(overview.Value) : null;
    }
}
