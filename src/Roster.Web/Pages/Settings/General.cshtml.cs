using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Roster.Accounts;
using Roster.Common;
using Roster.Sessions;
using Roster.Web.Auth;
using Roster.Web.Pages.Shared;

namespace Roster.Web.Pages.Settings;

public sealed class GeneralModel(AccountDetails accounts) : PageModel
{
    public AccountView? Account { get; private set; }
    public bool CanEdit { get; private set; }
    public ViewerClock Clock { get; private set; } = ViewerClock.Utc;
    public bool Saved { get; private set; }
    // Empty stays empty (not null, which means "keep"): clearing the name is refused, clearing the description clears it.
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string? Name { get; set; }
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string? Description { get; set; }
    [BindProperty] public string? NewName { get; set; }
    [BindProperty] public string? NewRole { get; set; }
    /// <summary>The account's name as typed in the danger zone; the server compares it.</summary>
    [BindProperty] public string? Confirm { get; set; }
    public FormErrors Errors { get; } = new("name", "description", "new_name", "role");
    public FormErrors DeleteErrors { get; } = new("confirm");
    /// <summary>Create was pressed while working in an account: the page asks before creating another.</summary>
    public bool ConfirmingCreate { get; private set; }

    public async Task OnGetAsync(bool saved = false)
    {
        Saved = saved;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostUpdateAsync([FromServices] UpdateAccount update)
    {
        var actor = HttpContext.Actor();
        if (actor.AccountId is null) return RedirectToPage();
        var result = await update.HandleAsync(new UpdateAccountRequest(actor.AccountId, Name, Description, null), actor, HttpContext.RequestAborted);
        if (result.Succeeded) return RedirectToPage(new { saved = true });
        Errors.Show(result.Error);
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync([FromServices] CreateAccount create, [FromServices] SwitchAccount switchAccount, bool confirmed = false)
    {
        var actor = HttpContext.Actor();
        // Someone with no account is here to create one; anyone else is asked first, once the name is acceptable.
        if (actor.AccountId is not null && !confirmed)
        {
            if (AccountRules.Validate(NewName, null, null) is { } invalid) Errors.Show(invalid, "new_name");
            else ConfirmingCreate = true;
            await LoadAsync();
            return Page();
        }
        var result = await create.HandleAsync(new CreateAccountRequest(NewName, NewRole), actor, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            Errors.Show(result.Error, result.Error.Field == "name" ? "new_name" : null);
            await LoadAsync();
            return Page();
        }
        await switchAccount.HandleAsync(result.Value.Id, actor, HttpContext.RequestAborted);
        return RedirectToPage();
    }

    /// <summary>Deletes the active account once its name is typed; the next page moves the session and says so.</summary>
    public async Task<IActionResult> OnPostDeleteAsync([FromServices] DeleteAccount delete)
    {
        var actor = HttpContext.Actor();
        if (actor.AccountId is null) return RedirectToPage();
        var result = await delete.HandleAsync(new DeleteAccountRequest(actor.AccountId, Confirm ?? ""), actor, HttpContext.RequestAborted);
        if (result.Succeeded) return RedirectToPage();
        DeleteErrors.Show(result.Error);
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var actor = HttpContext.Actor();
        if (actor.AccountId is null) return;
        Clock = await ViewerClock.ForAsync(HttpContext);
        var active = await accounts.ActiveAsync(actor, HttpContext.RequestAborted);
        if (active.Succeeded) (Account, CanEdit) = (active.Value.Account, active.Value.CanEdit);
    }
}
