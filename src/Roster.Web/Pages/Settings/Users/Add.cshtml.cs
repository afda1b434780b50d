using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Roster.Common;
using Roster.Users;
using Roster.Web.Auth;
using Roster.Web.Pages.Shared;

namespace Roster.Web.Pages.Settings.Users;

/// <summary>
/// The Add user wizard (General, Group, Summary) as one form that carries the earlier steps in hidden fields, so it
/// works without JavaScript. NEXT checks the step it leaves (at step 1, that the email is not already a member or
/// invitee here); CREATE checks again, since someone may have invited the email meanwhile, and invites, sending any
/// refusal back to its step.
/// </summary>
public sealed class AddModel(MemberOverview overview, InvitationPreview preview) : PageModel
{
    public static IReadOnlyList<string> StepTitles { get; } = ["General", "Group", "Summary"];

    [BindProperty] public int Step { get; set; } = 1;
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public List<string> GroupIds { get; set; } = [];
    public UserListView? List { get; private set; }

    /// <summary>At step 1: the member or pending invitee who already has this email here, to offer a way onward.</summary>
    public ExistingMember? Existing { get; private set; }

    [TempData] public string? Notice { get; set; }
    public FormErrors Errors { get; } = new("name", "email", "groups");

    /// <summary>Back to the list, where the keyboard finds itself on the Add user that led here.</summary>
    public string CancelHref => List!.State.Href() + "#add-user";

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFoundPage();

    public async Task<IActionResult> OnPostAsync(string? go, [FromServices] InviteMember invite)
    {
        Step = Math.Clamp(Step, 1, StepTitles.Count);
        if (go == "back")
        {
            Step = Math.Max(1, Step - 1);
        }
        else if (go == "next" && Step < StepTitles.Count)
        {
            var checkedStep = await CheckAsync(Step);
            if (checkedStep.Succeeded) Step++;
            else Errors.Show(checkedStep.Error);
        }
        else if (go == "create")
        {
            var checkedSteps = await CheckAsync(1);
            if (checkedSteps.Succeeded) checkedSteps = await CheckAsync(2);
            if (checkedSteps.Succeeded)
            {
                var result = await invite.HandleAsync(
                    new InviteMemberRequest(Actor.AccountId ?? "", null, Name, Email, GroupIds), Actor, HttpContext.RequestAborted);
                // Back to the list, which the redirect's GET reads once; nothing is read here for it.
                if (result.Succeeded) return Created(result.Value);
                checkedSteps = result.Error;
            }
            if (!checkedSteps.Succeeded)
            {
                Errors.Show(checkedSteps.Error);
                Step = StepOf(checkedSteps.Error);
            }
        }

        // Read once, to show the form again over the list; someone who may not add users finds no such page.
        if (!await LoadAsync()) return NotFoundPage();
        if (Errors.Any) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public string GroupName(string id) => List!.GroupName(id) ?? id;

    private Actor Actor => HttpContext.Actor();

    private RedirectResult Created(MemberChange change)
    {
        Notice = change.Outcome == MemberOutcome.Joined
            ? $"{change.Member.Name} already had a Roster user and joined the account."
            : $"{change.Member.Name} is invited: an invitation link was sent to {change.Member.Email}.";
        return Redirect(UserListState.From(Request.Query).Href());
    }

    /// <summary>The rules of one step, the same ones the invitation applies, so that NEXT catches what CREATE would refuse.</summary>
    private async Task<Result> CheckAsync(int step)
    {
        if (step == 1)
        {
            if (Error.Of(UserRules.ValidateName(Name), UserRules.ValidateEmail(Email)) is { } invalid) return invalid;
            var standing = await preview.StandingAsync(Actor, Actor.AccountId ?? "", Email, HttpContext.RequestAborted);
            if (!standing.Succeeded) return standing.Error;
            Existing = standing.Value.Member;
            return Existing is null ? Result.Ok() : Existing.Refusal;
        }
        if (step != 2) return Result.Ok();
        var groups = await preview.CheckGroupsAsync(Actor, Actor.AccountId ?? "", GroupIds, HttpContext.RequestAborted);
        return groups.Succeeded ? Result.Ok() : groups.Error;
    }

    private static int StepOf(Error error) => error.Field switch
    {
        "name" or "email" => 1,
        "groups" => 2,
        _ => 3,
    };

    /// <summary>Only those who manage users see the wizard; everyone else gets the same "not found" as a stranger.</summary>
    private async Task<bool> LoadAsync()
    {
        List = await UserList.LoadAsync(HttpContext, overview, UserListState.From(Request.Query));
        if (List is not { CanManage: true }) List = null;
        else List.Background = true;
        return List is not null;
    }

    private PageResult NotFoundPage()
    {
        List = null;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
