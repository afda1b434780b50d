using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Common;
using Roster.Data;
using Roster.Users;
using Roster.Web.Auth;

namespace Roster.Web.Pages.Settings.Users;

/// <summary>
/// The Add user wizard (General, Group, Summary) as one form that carries the earlier steps in hidden fields, so it
/// works without JavaScript. NEXT checks the step it leaves; CREATE invites and sends any refusal back to its step.
/// </summary>
public sealed class AddModel(RosterDbContext db, MemberList list, MemberViews views) : PageModel
{
    public static IReadOnlyList<string> StepTitles { get; } = ["General", "Group", "Summary"];

    [BindProperty] public int Step { get; set; } = 1;
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public List<string> GroupIds { get; set; } = [];
    public UserListView? List { get; private set; }

    /// <summary>For the summary: the email already has a Roster user, who joins at once instead of being invited.</summary>
    public bool JoinsAtOnce { get; private set; }

    [TempData] public string? Notice { get; set; }
    private Error? _error;

    public string? FieldError(string field) => _error?.Field == field ? _error.Message : null;
    public string? FormError => _error is { Field: not ("name" or "email" or "groups") } ? _error.Message : null;
    public string CancelHref => List!.State.Href();

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFoundPage();

    public async Task<IActionResult> OnPostAsync(string? go, [FromServices] InviteMember invite, [FromServices] UserManager<User> users)
    {
        if (!await LoadAsync()) return NotFoundPage();
        Step = Math.Clamp(Step, 1, StepTitles.Count);
        if (go == "back")
        {
            Step = Math.Max(1, Step - 1);
        }
        else if (go == "next" && Step < StepTitles.Count)
        {
            _error = await CheckAsync(Step);
            if (_error is null) Step++;
        }
        else if (go == "create")
        {
            _error = await CheckAsync(1) ?? await CheckAsync(2);
            if (_error is null)
            {
                var result = await invite.HandleAsync(
                    new InviteMemberRequest(Actor.AccountId!, null, Name, Email, GroupIds), Actor, HttpContext.RequestAborted);
                if (result.Succeeded) return Created(result.Value);
                _error = result.Error;
            }
            if (_error is not null) Step = StepOf(_error);
        }

        if (Step == StepTitles.Count) JoinsAtOnce = await HasUserAsync(users);
        if (_error is not null) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public string GroupName(string id) => List!.GroupName(id) ?? id;

    private Actor Actor => HttpContext.Actor();

    private RedirectResult Created(MemberView member)
    {
        Notice = member.Status == MembershipStatus.Active
            ? $"{member.Name} already had a Roster user and joined the account."
            : $"{member.Name} is invited: an invitation link was sent to {member.Email}.";
        return Redirect(List!.State.Href());
    }

    /// <summary>The rules of one step, the same ones the invitation applies, so that NEXT catches what CREATE would refuse.</summary>
    private async Task<Error?> CheckAsync(int step) => step switch
    {
        1 => UserRules.ValidateName(Name) ?? UserRules.ValidateEmail(Email),
        2 => (await MemberAccess.ValidateGroupsAsync(db, Actor.AccountId!, GroupIds, HttpContext.RequestAborted)).Error,
        _ => null,
    };

    private static int StepOf(Error error) => error.Field switch
    {
        "name" or "email" => 1,
        "groups" => 2,
        _ => 3,
    };

    private Task<bool> HasUserAsync(UserManager<User> users)
    {
        var normalized = users.NormalizeEmail(Email?.Trim());
        return db.Users.AnyAsync(u => u.NormalizedEmail == normalized && u.PasswordHash != null, HttpContext.RequestAborted);
    }

    /// <summary>Only those who manage users see the wizard; everyone else gets the same "not found" as a stranger.</summary>
    private async Task<bool> LoadAsync()
    {
        List = await UserList.LoadAsync(HttpContext, db, list, views, UserListState.From(Request.Query));
        if (List is not { CanManage: true }) List = null;
        else List.Background = true;
        return List is not null;
    }

    private PageResult NotFoundPage()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
