using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Roster.Groups;
using Roster.Web.Auth;
using Roster.Web.Pages.Shared;

namespace Roster.Web.Pages.Settings.Groups;

/// <summary>The Add group dialog; a new group has no modules and no members, which its own page then adds.</summary>
public sealed class AddModel(GroupList groups) : PageModel
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string? Color { get; set; }
    public GroupListView? List { get; private set; }
    [TempData] public string? Notice { get; set; }
    public FormErrors Errors { get; } = new("name", "description", "color");

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFoundPage();

    /// <summary>The list behind the dialog is read only when the dialog is shown again: CreateGroup checks the caller itself.</summary>
    public async Task<IActionResult> OnPostAsync([FromServices] CreateGroup create)
    {
        var actor = HttpContext.Actor();
        if (actor.AccountId is not { } accountId) return NotFoundPage();
        var result = await create.HandleAsync(
            new CreateGroupRequest(accountId, Name, Blank(Description), Blank(Color)), actor, HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            Notice = $"Group “{result.Value.Name}” is created. Choose its modules and members below.";
            return Redirect($"/settings/groups/{result.Value.Id}");
        }
        if (!await LoadAsync()) return NotFoundPage();
        Errors.Show(result.Error);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    internal static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private async Task<bool> LoadAsync()
    {
        List = await GroupListView.LoadAsync(HttpContext, groups);
        if (List is not { CanManage: true }) List = null;
        else List.Background = true;
        return List is not null;
    }

    private PageResult NotFoundPage()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
