using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Roster.Profile;
using Roster.Web.Auth;

namespace Roster.Web.Pages.Profile;

/// <summary>Profile, Accounts, Leave: says what ends, then leaves; a refusal stays on the page with its reason.</summary>
public sealed class LeaveAccountModel(OwnProfile profile) : PageModel
{
    [FromRoute] public string Id { get; set; } = "";
    public UserAccountView? View { get; private set; }
    public bool IsActive => View?.Account.Id == HttpContext.Actor().AccountId;
    public string? Failure { get; private set; }
    [TempData] public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFoundPage();

    public async Task<IActionResult> OnPostAsync([FromServices] LeaveAccount leave)
    {
        if (!await LoadAsync()) return NotFoundPage();
        var actor = HttpContext.Actor();
        var result = await leave.HandleAsync(actor.Id, Id, actor, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            Failure = result.Error.Message;
            return Page();
        }
        var left = result.Value;
        // Someone with no account left is shown how to get one, on the page that offers to create one.
        if (left.NowInId is null)
        {
            TempData[StrandedSessions.NoticeKey] = $"You left {left.AccountName}. You are not a member of any account now.";
            return Redirect("/settings/general");
        }
        Notice = left.WasWorkingIn
            ? $"You left {left.AccountName}. You are now working in {left.NowInName}."
            : $"You left {left.AccountName}.";
        return Redirect("/profile/accounts");
    }

    private async Task<bool> LoadAsync()
    {
        var actor = HttpContext.Actor();
        var view = await profile.AccountAsync(actor, actor.Id, Id, HttpContext.RequestAborted);
        View = view.Succeeded ? view.Value : null;
        return view.Succeeded;
    }

    private PageResult NotFoundPage()
    {
        View = null;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
