using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Roster.Common;
using Roster.Invitations;
using Roster.Users;
using Roster.Web.Auth;
using Roster.Web.Pages.Shared;

namespace Roster.Web.Pages.Settings.Users;

/// <summary>Connect's Users page: the active account's members, with the invitation actions of each row.</summary>
public sealed class IndexModel(MemberOverview overview) : PageModel
{
    public UserListView? List { get; private set; }
    [TempData] public string? Notice { get; set; }
    [TempData] public string? Failure { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        List = await UserList.LoadAsync(HttpContext, overview, UserListState.From(Request.Query));
        if (List is null) Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    /// <summary>Export CSV: every page of the list as filtered and sorted, with the chosen columns and the viewer's dates.</summary>
    public async Task<IActionResult> OnGetExportAsync([FromServices] ExportMembers export, [FromServices] TimeProvider clock)
    {
        if (Actor.AccountId is not { } accountId) return NotFound();
        var columns = await overview.ReadPreferenceAsync(Actor, accountId, UserColumns.PreferenceList, Aborted);
        if (!columns.Succeeded) return NotFound();
        var rows = await export.OpenAsync(Actor, accountId, UserListState.From(Request.Query).ToRql(), Aborted);
        // The state only ever builds valid queries; a failure here is a bug, not a user's mistake.
        if (!rows.Succeeded) throw new InvalidOperationException($"The Users export built an invalid query: {rows.Error.Message}");
        var download = UserExport.Download(accountId, UserColumns.Parse(columns.Value),
            await ViewerClock.ForAsync(HttpContext), rows.Value, clock.GetUtcNow());
        await download.ExecuteAsync(HttpContext);
        return new EmptyResult();
    }

    /// <summary>Remembers the ticked columns for this user in this account.</summary>
    public async Task<IActionResult> OnPostColumnsAsync(string[] columns, [FromServices] SaveListPreference save)
    {
        if (Actor.AccountId is not { } accountId) return Back();
        var result = await save.HandleAsync(new SaveListPreferenceRequest(accountId, UserColumns.PreferenceList, UserColumns.Format(columns)), Actor, Aborted);
        if (!result.Succeeded) Failure = $"The columns were not saved. {result.Error.Message}";
        return Back();
    }

    public async Task<IActionResult> OnPostReinviteAsync(string id, [FromServices] ReinviteMember reinvite)
    {
        if (Actor.AccountId is not { } accountId) return Back();
        var result = await reinvite.HandleAsync(accountId, id, Actor, Aborted);
        return Done(result.Succeeded
            ? result.Value.Outcome == MemberOutcome.Joined
                ? $"{result.Value.Member.Name} already has a Roster user and joined the account."
                : $"A new invitation was sent to {result.Value.Member.Email}. The previous link no longer works."
            : null, result.Error, "The invitation was not resent.");
    }

    private Actor Actor => HttpContext.Actor();
    private CancellationToken Aborted => HttpContext.RequestAborted;

    private RedirectResult Done(string? notice, Error? error, string failed)
    {
        if (error is null) Notice = notice;
        else Failure = $"{failed} {error.Message}";
        return Back();
    }

    /// <summary>After a change the list is read again with a GET at the same filters, sort and page.</summary>
    private RedirectResult Back() => Redirect(UserListState.From(Request.Query).Href());
}
