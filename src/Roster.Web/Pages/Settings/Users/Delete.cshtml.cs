using Microsoft.AspNetCore.Mvc;
using Roster.Common;
using Roster.Profile;
using Roster.Users;
using Roster.Web.Auth;

namespace Roster.Web.Pages.Settings.Users;

/// <summary>Asks before removing a user from the account, saying who loses what; a refusal returns to the list as an alert.</summary>
public sealed class DeleteModel(MemberOverview overview, MemberDetails details) : MemberQuestionModel(overview, details)
{
    public bool IsSelf => Id == HttpContext.Actor().Id;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFoundPage();

    /// <summary>Removes, then back to the list: nothing of the list is read here.</summary>
    public async Task<IActionResult> OnPostAsync([FromServices] RemoveMember remove, [FromServices] LeaveAccount leave)
    {
        if (!await FindAsync()) return NotFoundPage();
        var actor = HttpContext.Actor();
        if (Id == actor.Id) return await LeaveAsync(leave, actor);
        var result = await remove.HandleAsync(actor.AccountId!, Id, actor, HttpContext.RequestAborted);
        if (result.Succeeded) Notice = $"{Member!.Name} ({Member.Email}) was deleted from this account.";
        else Failure = $"{Member!.Name} was not deleted. {result.Error.Message}";
        return BackToList();
    }

    /// <summary>Deleting oneself is leaving: the session continues in another account, and the page says which.</summary>
    private async Task<IActionResult> LeaveAsync(LeaveAccount leave, Actor actor)
    {
        var result = await leave.HandleAsync(actor.Id, actor.AccountId!, actor, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            Failure = $"{Member!.Name} was not deleted. {result.Error.Message}";
            return BackToList();
        }
        var left = result.Value;
        TempData[StrandedSessions.NoticeKey] = left.NowInName is null
            ? $"You left {left.AccountName}. You are not a member of any account now."
            : $"You left {left.AccountName}. You are now working in {left.NowInName}.";
        return Redirect(left.NowInName is null ? "/settings/general" : "/settings/users");
    }
}
