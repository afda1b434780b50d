using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Roster.Common;
using Roster.Profile;
using Roster.Users;
using Roster.Web.Auth;

namespace Roster.Web.Pages.Settings.Users;

/// <summary>Asks before removing a user from the account, saying who loses what; a refusal returns to the list as an alert.</summary>
public sealed class DeleteModel(MemberOverview overview, MemberDetails details) : PageModel
{
    [FromRoute] public string Id { get; set; } = "";
    public UserListView? List { get; private set; }
    public MemberView? Member { get; private set; }
    [TempData] public string? Notice { get; set; }
    [TempData] public string? Failure { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        List = await UserList.LoadAsync(HttpContext, overview, UserListState.From(Request.Query));
        if (List is not { CanManage: true } || !await FindAsync()) return NotFoundPage();
        List.Background = true;
        return Page();
    }

    /// <summary>Removes, then back to the list, whose GET reads it once: nothing of the list is read here.</summary>
    public async Task<IActionResult> OnPostAsync([FromServices] RemoveMember remove, [FromServices] LeaveAccount leave)
    {
        if (!await FindAsync()) return NotFoundPage();
        var actor = HttpContext.Actor();
        if (Id == actor.Id) return await LeaveAsync(leave, actor);
        var result = await remove.HandleAsync(actor.AccountId!, Id, actor, HttpContext.RequestAborted);
        var back = UserListState.From(Request.Query).Href();
        if (!result.Succeeded)
        {
            Failure = $"{Member!.Name} was not deleted. {result.Error.Message}";
            return Redirect(back);
        }
        Notice = $"{Member!.Name} ({Member.Email}) was deleted from this account.";
        return Redirect(back);
    }

    /// <summary>Deleting oneself is leaving: the session continues in another account, and the page says which.</summary>
    private async Task<IActionResult> LeaveAsync(LeaveAccount leave, Actor actor)
    {
        var result = await leave.HandleAsync(actor.Id, actor.AccountId!, actor, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            Failure = $"{Member!.Name} was not deleted. {result.Error.Message}";
            return Redirect(UserListState.From(Request.Query).Href());
        }
        var left = result.Value;
        TempData[StrandedSessions.NoticeKey] = left.NowInName is null
            ? $"You left {left.AccountName}. You are not a member of any account now."
            : $"You left {left.AccountName}. You are now working in {left.NowInName}.";
        return Redirect(left.NowInName is null ? "/settings/general" : "/settings/users");
    }

    /// <summary>Back to the list, where the keyboard finds itself on the row menu that led here.</summary>
    public string CancelHref => List!.State.Href() + "#actions-" + Id;

    public bool IsSelf => Id == HttpContext.Actor().Id;

    /// <summary>The member, for those who manage users; anyone else finds no such user.</summary>
    private async Task<bool> FindAsync()
    {
        var actor = HttpContext.Actor();
        if (actor.AccountId is not { } accountId) return false;
        var member = await details.ReadManagedAsync(actor, accountId, Id, HttpContext.RequestAborted);
        Member = member.Succeeded ? member.Value : null;
        return Member is not null;
    }

    private PageResult NotFoundPage()
    {
        List = null;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
