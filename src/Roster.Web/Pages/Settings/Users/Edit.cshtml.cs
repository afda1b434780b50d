using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Roster.Accounts;
using Roster.Users;
using Roster.Web.Auth;
using Roster.Web.Pages.Shared;

namespace Roster.Web.Pages.Settings.Users;

/// <summary>The edit (✎) dialog: a member's groups, and the name and email of an invitation nobody accepted yet.</summary>
public sealed class EditModel(MemberOverview overview, MemberDetails details) : PageModel
{
    [FromRoute] public string Id { get; set; } = "";
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public List<string> GroupIds { get; set; } = [];

    /// <summary>Sent by the confirmation step: the person knows which of their own modules this change takes away.</summary>
    [BindProperty] public bool ConfirmLoss { get; set; }

    /// <summary>Set when the change would take modules from the person making it: the page then asks first.</summary>
    public IReadOnlyList<Roster.Modules.Module> Losing { get; private set; } = [];
    public UserListView? List { get; private set; }
    public MemberView? Member { get; private set; }
    [TempData] public string? Notice { get; set; }
    public FormErrors Errors { get; } = new("name", "email", "groups");

    /// <summary>Connect lets the name and email change only before the invitee registers.</summary>
    public bool InviteeEditable => Member?.Status == MembershipStatus.Invited;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFoundPage();
        Name = Member!.Name;
        Email = Member.Email;
        GroupIds = [.. Member.Groups.Select(g => g.Id)];
        return Page();
    }

    /// <summary>
    /// The form sends a name and email only while the member is invited (the view shows them then), so they go to the
    /// use case as posted; on success the redirect's GET reads the list, and nothing is read here for it. Someone
    /// taking modules from themselves gets the confirmation step instead, unless the post says they confirmed.
    /// </summary>
    public async Task<IActionResult> OnPostAsync(string? go, [FromServices] UpdateMember update, [FromServices] OwnModuleLoss loss)
    {
        var actor = HttpContext.Actor();
        if (go == "back") return await LoadAsync() ? Page() : NotFoundPage();
        if (!ConfirmLoss)
        {
            var lost = await loss.ReadAsync(actor, actor.AccountId ?? "", Id, GroupIds, HttpContext.RequestAborted);
            if (lost is { Succeeded: true, Value.Count: > 0 })
            {
                if (!await LoadAsync()) return NotFoundPage();
                Losing = lost.Value;
                return Page();
            }
        }
        var result = await update.HandleAsync(
            new UpdateMemberRequest(actor.AccountId ?? "", Id, GroupIds, Name, Email), actor, HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            var member = result.Value.Member;
            Notice = result.Value.Outcome == MemberOutcome.InvitationReissued
                ? $"{member.Name} is saved: a new invitation link was sent to {member.Email}, and the previous one no longer works."
                : $"{member.Name} is saved.";
            return Redirect(UserListState.From(Request.Query).Href());
        }
        if (!await LoadAsync()) return NotFoundPage();
        Errors.Show(result.Error);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>Back to the list, where the keyboard finds itself on the row's Edit that led here.</summary>
    public string CancelHref => List!.State.Href() + "#edit-" + Id;

    /// <summary>The dialog over the list, for those who manage users; anyone else finds no such page.</summary>
    private async Task<bool> LoadAsync()
    {
        var actor = HttpContext.Actor();
        List = await UserList.LoadAsync(HttpContext, overview, UserListState.From(Request.Query));
        if (List is not { CanManage: true } || actor.AccountId is not { } accountId) return false;
        var member = await details.ReadManagedAsync(actor, accountId, Id, HttpContext.RequestAborted);
        if (!member.Succeeded) return false;
        Member = member.Value;
        List.Background = true;
        return true;
    }

    private PageResult NotFoundPage()
    {
        List = null;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
