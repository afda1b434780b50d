using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Roster.Acl;
using Roster.Common;
using Roster.Web.Auth;
using Roster.Web.Pages.Shared;

namespace Roster.Web.Pages.Settings;

/// <summary>The addresses from which the active account's API tokens (and, if bound, its members) may act.</summary>
public sealed class AddressesModel(AccessRuleList list) : PageModel
{
    public AccessListView? List { get; private set; }
    public bool Allowed => List is not null;
    public ViewerClock Clock { get; private set; } = ViewerClock.Utc;
    public string YourAddress => HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    [TempData] public string? Notice { get; set; }
    [BindProperty] public string? Value { get; set; }
    [BindProperty] public string? Comment { get; set; }

    public FormErrors Errors { get; } = new("value", "comment");

    public Task<IActionResult> OnGetAsync() => ShowAsync();

    public async Task<IActionResult> OnPostAddAsync([FromServices] AddAccessRule add)
    {
        var result = await add.HandleAsync(Actor.AccountId ?? "", new AccessRuleRequest(Value, Comment), Actor, Aborted);
        return result.Succeeded ? Done($"{result.Value.Value} is allowed.") : await FailAsync(result.Error, keepForm: true);
    }

    public async Task<IActionResult> OnPostRemoveAsync(string id, [FromServices] RemoveAccessRules remove)
    {
        var result = await remove.RemoveAsync(Actor.AccountId ?? "", id, Actor, Aborted);
        return result.Succeeded ? Done("The rule is removed.") : await FailAsync(result.Error, keepForm: false);
    }

    public async Task<IActionResult> OnPostMembersAsync(bool members, [FromServices] ChangeAccessCoverage change)
    {
        var result = await change.HandleAsync(Actor.AccountId ?? "", members, Actor, Aborted);
        return result.Succeeded
            ? Done(members ? "Members' sessions are bound by the rules too." : "Only API tokens are bound by the rules now.")
            : await FailAsync(result.Error, keepForm: false);
    }

    private Actor Actor => HttpContext.Actor();
    private CancellationToken Aborted => HttpContext.RequestAborted;

    private RedirectToPageResult Done(string notice)
    {
        Notice = notice;
        return RedirectToPage();
    }

    private async Task<IActionResult> FailAsync(Error error, bool keepForm)
    {
        var page = await ShowAsync();
        if (!Allowed) return page;
        if (!keepForm) (Value, Comment) = (null, null);
        Errors.Show(keepForm ? error : error with { Field = null });
        Response.StatusCode = error.Kind == ErrorKind.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest;
        return page;
    }

    private async Task<IActionResult> ShowAsync()
    {
        var read = await list.ActiveAsync(Actor, Aborted);
        if (!read.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        List = read.Value;
        Clock = await ViewerClock.ForAsync(HttpContext);
        return Page();
    }
}
