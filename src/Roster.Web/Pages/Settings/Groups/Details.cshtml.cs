using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Roster.Common;
using Roster.Groups;
using Roster.Web.Auth;
using Roster.Web.Pages.Shared;

namespace Roster.Web.Pages.Settings.Groups;

/// <summary>One group: its general fields, its modules and its members, each changed by its own form.</summary>
public sealed class DetailsModel(GroupDetails details) : PageModel
{
    [FromRoute] public string Id { get; set; } = "";
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string? Color { get; set; }
    [BindProperty] public int? Revision { get; set; }
    public GroupPage? View { get; private set; }
    public GroupView? Group => View?.Group;
    public bool CanManage => View?.CanManage ?? false;
    public IReadOnlyList<GroupMemberView> Members => View?.Members ?? [];
    public IReadOnlyList<GroupMemberView> Candidates => View?.Candidates ?? [];
    [TempData] public string? Notice { get; set; }
    [TempData] public string? Failure { get; set; }
    public FormErrors GeneralErrors { get; } = new("name", "description", "color");
    public FormErrors PermissionErrors { get; } = new();
    public FormErrors MemberErrors { get; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFoundPage();
        ShowSaved();
        return Page();
    }

    public async Task<IActionResult> OnPostGeneralAsync([FromServices] UpdateGroup update) =>
        await RunAsync(GeneralErrors, "general", async (accountId, actor) =>
        {
            var result = await update.HandleAsync(new UpdateGroupRequest(accountId, Id, Name, Description?.Trim() ?? "", Color?.Trim() ?? "", null, Revision), actor, Aborted);
            return result.Succeeded ? $"“{result.Value.Name}” is saved." : result.Error;
        });

    /// <summary>Makes the group's modules the ticked ones, all at once or not at all.</summary>
    public async Task<IActionResult> OnPostPermissionsAsync(string[] modules, [FromServices] SetGroupPermissions set) =>
        await RunAsync(PermissionErrors, "permissions", async (accountId, actor) =>
        {
            var result = await set.HandleAsync(accountId, Id, modules, actor, Aborted);
            if (!result.Succeeded) return result.Error;
            var names = result.Value.ModuleNames;
            return $"“{result.Value.Name}” now gives {(names.Count == 0 ? "no modules" : string.Join(", ", names))}.";
        });

    public async Task<IActionResult> OnPostAddMemberAsync(string? userId, [FromServices] AddGroupMember add) =>
        await RunAsync(MemberErrors, "members", async (accountId, actor) =>
        {
            var result = await add.HandleAsync(accountId, Id, userId, actor, Aborted);
            return result.Succeeded ? $"{result.Value.Name} is now a member of “{Group!.Name}”." : result.Error;
        });

    public async Task<IActionResult> OnPostRemoveMemberAsync(string? userId, [FromServices] RemoveGroupMember remove) =>
        await RunAsync(MemberErrors, "members", async (accountId, actor) =>
        {
            var result = await remove.HandleAsync(accountId, Id, userId, actor, Aborted);
            return result.Succeeded ? $"{result.Value.Name} is no longer a member of “{Group!.Name}”." : result.Error;
        });

    private CancellationToken Aborted => HttpContext.RequestAborted;

    /// <summary>Runs one form's change; success reloads with a notice, a refusal shows the form again with its message.</summary>
    private async Task<IActionResult> RunAsync(FormErrors form, string section, Func<string, Actor, Task<Result<string>>> change)
    {
        if (!await LoadAsync()) return NotFoundPage();
        var actor = HttpContext.Actor();
        var outcome = await change(actor.AccountId!, actor);
        if (outcome.Succeeded)
        {
            Notice = outcome.Value;
            return Redirect($"/settings/groups/{Id}#{section}");
        }
        form.Show(outcome.Error);
        if (form != GeneralErrors) ShowSaved();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>The general form shows the group as saved, unless it is being corrected.</summary>
    private void ShowSaved()
    {
        if (Group is { } g) (Name, Description, Color, Revision) = (g.Name, g.Description, g.Color, g.Revision);
    }

    private async Task<bool> LoadAsync()
    {
        var page = await details.PageAsync(HttpContext.Actor(), Id, Aborted);
        View = page.Succeeded ? page.Value : null;
        return View is not null;
    }

    private PageResult NotFoundPage()
    {
        View = null;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
