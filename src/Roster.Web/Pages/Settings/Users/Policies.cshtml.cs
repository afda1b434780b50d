using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Roster.Accounts;
using Roster.Sso;
using Roster.Web.Auth;
using Roster.Web.Pages.Shared;

namespace Roster.Web.Pages.Settings.Users;

/// <summary>
/// Users › Policies: how the active account's members sign in. Every member reads the MFA policy, which holders of
/// the Account module change; those holders also see each verified domain's provider and enforcement, which
/// Settings › Single Sign On changes.
/// </summary>
public sealed class PoliciesModel(ReadAccountSettings read, SignInPolicies policies) : PageModel
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

    /// <summary>The verified domains' sign-in policies; null for members without the Account module.</summary>
    public IReadOnlyList<DomainPolicyView>? Domains { get; private set; }
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
        var domains = await policies.ReadAsync(HttpContext.Actor(), HttpContext.RequestAborted);
        Domains = domains.Succeeded ? domains.Value : null;
        return Page();
    }
}
