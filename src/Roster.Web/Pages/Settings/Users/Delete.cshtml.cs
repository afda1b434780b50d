using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Data;
using Roster.Users;
using Roster.Web.Auth;

namespace Roster.Web.Pages.Settings.Users;

/// <summary>Asks before removing a user from the account, in Connect's words; a refusal returns to the list as an alert.</summary>
public sealed class DeleteModel(RosterDbContext db, MemberList list, MemberViews views) : PageModel
{
    [FromRoute] public string Id { get; set; } = "";
    public UserListView? List { get; private set; }
    public Membership? Member { get; private set; }
    [TempData] public string? Notice { get; set; }
    [TempData] public string? Failure { get; set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFoundPage();

    public async Task<IActionResult> OnPostAsync([FromServices] RemoveMember remove)
    {
        if (!await LoadAsync()) return NotFoundPage();
        var actor = HttpContext.Actor();
        var result = await remove.HandleAsync(actor.AccountId!, Id, actor, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            Failure = $"{Member!.Name} was not deleted. {result.Error.Message}";
            return Redirect(List!.State.Href());
        }
        // Someone who removed themselves has no Users page here any more.
        if (Id == actor.Id) return Redirect("/");
        Notice = $"{Member!.Name} ({Member.Email}) was deleted from this account.";
        return Redirect(List!.State.Href());
    }

    public string CancelHref => List!.State.Href();

    private async Task<bool> LoadAsync()
    {
        var actor = HttpContext.Actor();
        List = await UserList.LoadAsync(HttpContext, db, list, views, UserListState.From(Request.Query));
        Member = List is { CanManage: true }
            ? await db.Memberships.AsNoTracking().SingleOrDefaultAsync(m => m.AccountId == actor.AccountId && m.UserId == Id, HttpContext.RequestAborted)
            : null;
        if (Member is null) return false;
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
