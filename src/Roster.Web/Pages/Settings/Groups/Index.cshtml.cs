using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Roster.Groups;

namespace Roster.Web.Pages.Settings.Groups;

/// <summary>Connect's Groups page: every member reads the account's groups; those who manage users change them.</summary>
public sealed class IndexModel(GroupList groups) : PageModel
{
    public GroupListView? List { get; private set; }
    [TempData] public string? Notice { get; set; }
    [TempData] public string? Failure { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        List = await GroupListView.LoadAsync(HttpContext, groups);
        if (List is null) Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
