using Microsoft.AspNetCore.Mvc;
using Roster.Accounts;
using Roster.Invitations;
using Roster.Users;
using Roster.Web.Auth;

namespace Roster.Web.Pages.Settings.Users;

/// <summary>
/// Asks before withdrawing a pending invitation, naming the invitee: the row menu leads here, and only this page's
/// post revokes, so the question holds without JavaScript too. A refusal returns to the list as an alert.
/// </summary>
public sealed class RevokeModel(MemberOverview overview, MemberDetails details) : MemberQuestionModel(overview, details)
{
    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFoundPage();
        // Revoked or accepted meanwhile: nothing to ask about any more.
        return Member!.Status == MembershipStatus.Invited ? Page() : BackToList();
    }

    /// <summary>Revokes, then back to the list: nothing of the list is read here.</summary>
    public async Task<IActionResult> OnPostAsync([FromServices] RevokeInvitation revoke)
    {
        if (!await FindAsync()) return NotFoundPage();
        var actor = HttpContext.Actor();
        var result = await revoke.HandleAsync(actor.AccountId!, Id, actor, HttpContext.RequestAborted);
        if (result.Succeeded) Notice = $"The invitation of {result.Value.Email} is revoked: its link no longer works.";
        else Failure = $"The invitation was not revoked. {result.Error.Message}";
        return BackToList();
    }
}
