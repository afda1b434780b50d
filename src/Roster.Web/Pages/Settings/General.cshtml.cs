using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Roster.Accounts;
using Microsoft.Extensions.Options;
using Roster.Common;
using Roster.Media;
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
    public FormErrors ProfileErrors { get; } = new("overview", "headquarters", "countries", "languages", "websites");
    public FormErrors IconErrors { get; } = new("thumbnail");
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string? Overview { get; set; }
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string? Headquarters { get; set; }
    [BindProperty] public List<string> Countries { get; set; } = [];
    [BindProperty] public List<string> Languages { get; set; } = [];
    /// <summary>One address a line, as typed.</summary>
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string? Websites { get; set; }
    [BindProperty] public bool Public { get; set; }
    /// <summary>Which form was posted back with problems, so only that one shows what was typed.</summary>
    public bool ProfilePosted { get; private set; }
    public string IconUrl => Account?.IconMediaId is { } icon ? $"/public/v1/accounts/{Account.Id}/media/{icon}/file" : "/account-icon.svg";
    /// <summary>Create was pressed while working in an account: the page asks before creating another.</summary>
    public bool ConfirmingCreate { get; private set; }

    /// <summary>Which card was saved: "true" for the account's own fields, "profile" or "icon" for theirs.</summary>
    public string? SavedCard { get; private set; }

    public async Task OnGetAsync(string? saved = null)
    {
        Saved = string.Equals(saved, "true", StringComparison.OrdinalIgnoreCase);
        SavedCard = saved;
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

    public async Task<IActionResult> OnPostProfileAsync([FromServices] UpdateAccount update)
    {
        var actor = HttpContext.Actor();
        if (actor.AccountId is null) return RedirectToPage();
        var websites = (Websites ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var change = new AccountProfileChange(Overview ?? "", Headquarters ?? "", Countries, Languages, websites, Public);
        var result = await update.HandleAsync(new UpdateAccountRequest(actor.AccountId, null, null, null, Profile: change), actor, HttpContext.RequestAborted);
        if (result.Succeeded) return RedirectToPage(null, null, new { saved = "profile" }, "profile");
        ProfilePosted = true;
        ProfileErrors.Show(result.Error);
        await LoadAsync();
        return Page();
    }

    /// <summary>The icon is the account's first image: replaced when there is one, added otherwise.</summary>
    public async Task<IActionResult> OnPostIconAsync(
        IFormFile? icon, [FromServices] UploadMedia upload, [FromServices] ReplaceMedia replace, [FromServices] IOptions<MediaOptions> options)
    {
        var actor = HttpContext.Actor();
        await LoadAsync();
        if (actor.AccountId is null || Account is null) return RedirectToPage();
        byte[]? content = null;
        if (icon is not null)
        {
            // No more than one byte past the limit: enough to say it is too large.
            content = new byte[(int)Math.Min(icon.Length, options.Value.MaxBytes + 1L)];
            await using var stream = icon.OpenReadStream();
            await stream.ReadExactlyAsync(content, HttpContext.RequestAborted);
        }
        var result = Account.IconMediaId is { } current
            ? await replace.HandleAsync(actor.AccountId, current, new MediaFields(), content ?? [], actor, HttpContext.RequestAborted)
            : await upload.HandleAsync(actor.AccountId, new MediaFields(), content, actor, HttpContext.RequestAborted);
        if (result.Succeeded) return RedirectToPage(null, null, new { saved = "icon" }, "icon");
        IconErrors.Show(result.Error);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveIconAsync([FromServices] DeleteMedia delete)
    {
        var actor = HttpContext.Actor();
        await LoadAsync();
        if (actor.AccountId is null || Account?.IconMediaId is not { } current) return RedirectToPage();
        var result = await delete.HandleAsync(actor.AccountId, current, actor, HttpContext.RequestAborted);
        if (result.Succeeded) return RedirectToPage(null, null, new { saved = "icon" }, "icon");
        IconErrors.Show(result.Error);
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
