using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Roster.Accounts;
using Roster.Web.Auth;
using Roster.Web.Pages.Shared;

namespace Roster.Web.Pages.Settings;

/// <summary>The active account's security settings: its MFA policy, which holders of the Account module change.</summary>
public sealed class SecurityModel(ReadAccountSettings read) : PageModel
{
    public sealed record Choice(MfaPolicy Policy, string Title, string Description);

    public static IReadOnlyList<Choice> Choices { get; } =
    [
        new(MfaPolicy.Optional, "Optional", "Members choose for themselves whether to use two-factor authentication."),
        new(MfaPolicy.Suggested, "Suggested", "Members without two-factor authentication are invited to set it up on every page."),
        new(MfaPolicy.Required, "Required", "Members without two-factor authentication can sign in, but cannot work in this account until they set it up."),
    ];

    public AccountSettingsView? Settings { get; private set; }
    public bool CanEdit { get; private set; }
    public bool ViewerHasMfa { get; private set; }
    [TempData] public string? Notice { get; set; }
    [BindProperty] public string? Policy { get; set; }
    /// <summary>The form has one choice, so every refusal stands above it.</summary>
    public FormErrors Errors { get; } = new();

    public Task<IActionResult> OnGetAsync() => ShowAsync();

    public async Task<IActionResult> OnPostAsync([FromServices] ChangeMfaPolicy change)
    {
        var result = await change.HandleAsync(Policy, HttpContext.Actor(), HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            Notice = $"Two-factor authentication is now {result.Value.MfaPolicy.ToApi()} in {result.Value.AccountName}.";
            return RedirectToPage();
        }
        Errors.Show(result.Error);
        var page = await ShowAsync();
        if (Settings is not null) Response.StatusCode = StatusCodes.Status400BadRequest;
        return page;
    }

    private async Task<IActionResult> ShowAsync()
    {
        var found = await read.ForSecurityPageAsync(HttpContext.Actor(), HttpContext.RequestAborted);
        if (!found.Succeeded)
        {
            Errors.Clear();
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        (Settings, CanEdit, ViewerHasMfa) = (found.Value.Settings, found.Value.CanEdit, found.Value.ViewerHasMfa);
        return Page();
    }
}
