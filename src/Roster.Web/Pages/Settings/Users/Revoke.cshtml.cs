using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Roster.Accounts;
using Roster.Invitations;
using Roster.Users;
using Roster.Web.Auth;

namespace Roster.Web.Pages.Settings.Users;

/// <summary>
/// Asks before withdrawing a pending invitation, naming the invitee: the row menu leads here, and only this page's
/// post revokes, so the question holds without JavaScript too. A refusal returns to the list as an alert.
/// </summary>
public sealed class RevokeModel(MemberOverview overview, MemberDetails details) : PageModel
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
        // Revoked or accepted meanwhile: nothing to ask about any more.
        if (Member!.Status != MembershipStatus.Invited) return Redirect(List.State.Href());
        List.Background = true;
        return Page();
    }

    /// <summary>Revokes, then back to the list, whose GET reads it once: nothing of the list is read here.</summary>
    public async Task<IActionResult> OnPostAsync([FromServices] RevokeInvitation revoke)
    {
        if (!await FindAsync()) return NotFoundPage();
        var actor = HttpContext.Actor();
        var result = await revoke.HandleAsync(actor.AccountId!, Id, actor, HttpContext.RequestAborted);
        if (result.Succeeded) Notice = $"The invitation of {result.Value.Email} is revoked: its link no longer works.";
        else Failure = $"The invitation was not revoked. {result.Error.Message}";
        return Redirect(UserListState.From(Request.Query).Href());
    }

    public string CancelHref => List!.State.Href();

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
