using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Roster.Users;
using Roster.Web.Auth;

namespace Roster.Web.Pages.Settings.Users;

/// <summary>
/// A question about one member, asked in a dialog over the Users list (delete them, revoke their invitation): only the
/// page's post acts, so the question holds without JavaScript. Those who do not manage users find no such page.
/// </summary>
public abstract class MemberQuestionModel(MemberOverview overview, MemberDetails details) : PageModel
{
    [FromRoute] public string Id { get; set; } = "";
    public UserListView? List { get; private set; }
    public MemberView? Member { get; private set; }
    [TempData] public string? Notice { get; set; }
    [TempData] public string? Failure { get; set; }

    /// <summary>Back to the list, where the keyboard finds itself on the row menu that led here.</summary>
    public string CancelHref => List!.State.Href() + "#actions-" + Id;

    /// <summary>The list behind the dialog and the member asked about; false when either is not there for this viewer.</summary>
    protected async Task<bool> LoadAsync()
    {
        List = await UserList.LoadAsync(HttpContext, overview, UserListState.From(Request.Query));
        if (List is not { CanManage: true } || !await FindAsync()) return false;
        List.Background = true;
        return true;
    }

    /// <summary>The member, for those who manage users; anyone else finds no such user.</summary>
    protected async Task<bool> FindAsync()
    {
        var actor = HttpContext.Actor();
        if (actor.AccountId is not { } accountId) return false;
        var member = await details.ReadManagedAsync(actor, accountId, Id, HttpContext.RequestAborted);
        Member = member.Succeeded ? member.Value : null;
        return Member is not null;
    }

    protected PageResult NotFoundPage()
    {
        List = null;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    /// <summary>Back to the list, whose GET reads it once.</summary>
    protected RedirectResult BackToList() => Redirect(UserListState.From(Request.Query).Href());
}
