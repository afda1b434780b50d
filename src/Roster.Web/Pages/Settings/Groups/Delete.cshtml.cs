using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Roster.Groups;
using Roster.Web.Auth;
using Roster.Web.Pages.Shared;

namespace Roster.Web.Pages.Settings.Groups;

/// <summary>Asks before deleting a group; its users stay in the account. A refusal (the last administrator) is shown in the dialog.</summary>
public sealed class DeleteModel(GroupList groups) : PageModel
{
    [FromRoute] public string Id { get; set; } = "";
    public GroupListView? List { get; private set; }
    public GroupView? Row { get; private set; }
    public FormErrors Errors { get; } = new();
    [TempData] public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFoundPage();

    public async Task<IActionResult> OnPostAsync([FromServices] DeleteGroup delete)
    {
        if (!await LoadAsync() || Row is not { } group) return NotFoundPage();
        var actor = HttpContext.Actor();
        var result = await delete.HandleAsync(actor.AccountId!, Id, actor, HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            Notice = $"Group “{result.Value.Name}” is deleted. Its members stay in the account.";
            return Redirect("/settings/groups");
        }
        Errors.Show(result.Error with { Message = $"“{group.Name}” was not deleted. {result.Error.Message}" });
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        List = await GroupListView.LoadAsync(HttpContext, groups);
        Row = List is { CanManage: true } ? List.Rows.FirstOrDefault(r => r.Id == Id) : null;
        if (Row is null) return false;
        List!.Background = true;
        return true;
    }

    private PageResult NotFoundPage()
    {
        List = null;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
