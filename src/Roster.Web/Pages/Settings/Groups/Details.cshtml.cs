using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Common;
using Roster.Data;
using Roster.Groups;
using Roster.Modules;
using Roster.Web.Auth;

namespace Roster.Web.Pages.Settings.Groups;

/// <summary>One group: its general fields, its modules and its members, each changed by its own form.</summary>
public sealed class DetailsModel(RosterDbContext db) : PageModel
{
    public sealed record Person(string Id, string Name, string Email, MembershipStatus Status);

    [FromRoute] public string Id { get; set; } = "";
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string? Color { get; set; }
    [BindProperty] public int? Revision { get; set; }
    public GroupRow? Row { get; private set; }
    public bool CanManage { get; private set; }
    public IReadOnlyList<Person> Members { get; private set; } = [];
    public IReadOnlyList<Person> Candidates { get; private set; } = [];
    [TempData] public string? Notice { get; set; }
    [TempData] public string? Failure { get; set; }
    private Error? _error;
    private string? _errorSection;

    public string? FieldError(string field) => _errorSection == "general" && _error?.Field == field ? _error.Message : null;
    public string? SectionError(string section) =>
        _errorSection == section && !(section == "general" && _error!.Field is "name" or "description" or "color") ? _error!.Message : null;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFoundPage();
        (Name, Description, Color, Revision) = (Row!.Group.Name, Row.Group.Description, Row.Group.Color, Row.Group.Revision);
        return Page();
    }

    public async Task<IActionResult> OnPostGeneralAsync([FromServices] UpdateGroup update) =>
        await RunAsync("general", async (accountId, actor) =>
        {
            var result = await update.HandleAsync(new UpdateGroupRequest(accountId, Id, Name, Description?.Trim() ?? "", Color?.Trim() ?? "", null, Revision), actor, Aborted);
            return (result.Error, $"“{result.Value?.Name}” is saved.");
        });

    /// <summary>Makes the group's modules the ticked ones, all at once or not at all.</summary>
    public async Task<IActionResult> OnPostPermissionsAsync(string[] modules, [FromServices] SetGroupPermissions set) =>
        await RunAsync("permissions", async (accountId, actor) =>
        {
            var result = await set.HandleAsync(accountId, Id, modules, actor, Aborted);
            if (result.Error is { } refused) return (refused, "");
            var names = ModuleCatalog.All.Where(m => modules.Contains(m.Id)).Select(m => m.Name).ToList();
            return (null, $"“{Row!.Group.Name}” now gives {(names.Count == 0 ? "no modules" : string.Join(", ", names))}.");
        });

    public async Task<IActionResult> OnPostAddMemberAsync(string? userId, [FromServices] AddGroupMember add) =>
        await RunAsync("members", async (accountId, actor) =>
        {
            var result = await add.HandleAsync(accountId, Id, userId, actor, Aborted);
            return (result.Error, $"{result.Value?.Name} is now a member of “{Row!.Group.Name}”.");
        });

    public async Task<IActionResult> OnPostRemoveMemberAsync(string? userId, [FromServices] RemoveGroupMember remove) =>
        await RunAsync("members", async (accountId, actor) =>
        {
            var name = Members.FirstOrDefault(m => m.Id == userId)?.Name ?? userId;
            var result = await remove.HandleAsync(accountId, Id, userId, actor, Aborted);
            return (result.Error, $"{name} is no longer a member of “{Row!.Group.Name}”.");
        });

    private CancellationToken Aborted => HttpContext.RequestAborted;

    /// <summary>Runs one form's change; success reloads with a notice, a refusal shows the form again with its message.</summary>
    private async Task<IActionResult> RunAsync(string section, Func<string, Actor, Task<(Error? Error, string Notice)>> change)
    {
        if (!await LoadAsync()) return NotFoundPage();
        var actor = HttpContext.Actor();
        var (error, notice) = await change(actor.AccountId!, actor);
        if (error is null)
        {
            Notice = notice;
            return Redirect($"/settings/groups/{Id}#{section}");
        }
        db.ChangeTracker.Clear();
        (_error, _errorSection) = (error, section);
        await LoadAsync();
        if (section != "general") (Name, Description, Color, Revision) = (Row!.Group.Name, Row.Group.Description, Row.Group.Color, Row.Group.Revision);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        var actor = HttpContext.Actor();
        if (actor.AccountId is not { } accountId || !(await GroupAccess.RequireReaderAsync(db, actor, accountId, Aborted)).Succeeded) return false;
        Row = await GroupListing.Rows(db, accountId).AsNoTracking().SingleOrDefaultAsync(r => r.Group.Id == Id, Aborted);
        if (Row is null) return false;
        CanManage = (await GroupAccess.RequireManagerAsync(db, actor, accountId, Aborted)).Succeeded;
        Members = await GroupListing.Members(db, accountId, Id).AsNoTracking().OrderBy(m => m.Name).ThenBy(m => m.UserId)
            .Select(m => new Person(m.UserId, m.Name, m.Email, m.Status)).ToListAsync(Aborted);
        if (CanManage)
        {
            Candidates = await db.Memberships.AsNoTracking()
                .Where(m => m.AccountId == accountId && m.Status != MembershipStatus.Expired
                            && !db.GroupMembers.Any(g => g.GroupId == Id && g.UserId == m.UserId))
                .OrderBy(m => m.Name).ThenBy(m => m.UserId)
                .Select(m => new Person(m.UserId, m.Name, m.Email, m.Status)).ToListAsync(Aborted);
        }
        return true;
    }

    private PageResult NotFoundPage()
    {
        Row = null;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
