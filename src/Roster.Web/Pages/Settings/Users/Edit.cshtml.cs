using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Common;
using Roster.Data;
using Roster.Users;
using Roster.Web.Auth;

namespace Roster.Web.Pages.Settings.Users;

/// <summary>The edit (✎) dialog: a member's groups, and the name and email of an invitation nobody accepted yet.</summary>
public sealed class EditModel(RosterDbContext db, MemberList list, MemberViews views) : PageModel
{
    [FromRoute] public string Id { get; set; } = "";
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public List<string> GroupIds { get; set; } = [];
    public UserListView? List { get; private set; }
    public MemberView? Member { get; private set; }
    [TempData] public string? Notice { get; set; }
    private Error? _error;

    /// <summary>Connect lets the name and email change only before the invitee registers.</summary>
    public bool InviteeEditable => Member?.Status == MembershipStatus.Invited;

    public string? FieldError(string field) => _error?.Field == field ? _error.Message : null;
    public string? FormError => _error is { Field: not ("name" or "email" or "groups") } ? _error.Message : null;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFoundPage();
        Name = Member!.Name;
        Email = Member.Email;
        GroupIds = [.. Member.Groups.Select(g => g.Id)];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromServices] UpdateMember update)
    {
        if (!await LoadAsync()) return NotFoundPage();
        var before = Member!;
        var result = await update.HandleAsync(new UpdateMemberRequest(
            HttpContext.Actor().AccountId!, Id, GroupIds,
            InviteeEditable ? Name : null, InviteeEditable ? Email : null), HttpContext.Actor(), HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            _error = result.Error;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var after = result.Value;
        var reissued = InviteeEditable && (after.Name != before.Name || !string.Equals(after.Email, before.Email, StringComparison.OrdinalIgnoreCase));
        Notice = reissued
            ? $"{after.Name} is saved: a new invitation link was sent to {after.Email}, and the previous one no longer works."
            : $"{after.Name} is saved.";
        return Redirect(List!.State.Href());
    }

    public string CancelHref => List!.State.Href();

    private async Task<bool> LoadAsync()
    {
        var actor = HttpContext.Actor();
        List = await UserList.LoadAsync(HttpContext, db, list, views, UserListState.From(Request.Query));
        var membership = List is { CanManage: true }
            ? await db.Memberships.AsNoTracking().SingleOrDefaultAsync(m => m.AccountId == actor.AccountId && m.UserId == Id, HttpContext.RequestAborted)
            : null;
        if (membership is null) return false;
        Member = await views.ForOneAsync(membership, withLinks: false, HttpContext.RequestAborted);
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
