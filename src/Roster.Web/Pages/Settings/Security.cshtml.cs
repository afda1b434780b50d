using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Common;
using Roster.Data;
using Roster.Modules;
using Roster.Security;
using Roster.Web.Auth;

namespace Roster.Web.Pages.Settings;

/// <summary>The active account's security settings: its MFA policy, which holders of the Account module change.</summary>
public sealed class SecurityModel(RosterDbContext db, ReadAccountSettings read) : PageModel
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
    private Error? _error;

    public string? Failure => _error?.Message;

    public Task<IActionResult> OnGetAsync() => ShowAsync();

    public async Task<IActionResult> OnPostAsync([FromServices] ChangeMfaPolicy change)
    {
        var result = await change.HandleAsync(Policy, HttpContext.Actor(), HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            Notice = $"Two-factor authentication is now {result.Value.MfaPolicy.ToApi()} in {result.Value.AccountName}.";
            return RedirectToPage();
        }
        db.ChangeTracker.Clear();
        _error = result.Error;
        var page = await ShowAsync();
        if (Settings is not null) Response.StatusCode = StatusCodes.Status400BadRequest;
        return page;
    }

    private async Task<IActionResult> ShowAsync()
    {
        var actor = HttpContext.Actor();
        var found = await read.HandleAsync(actor, HttpContext.RequestAborted);
        if (!found.Succeeded)
        {
            _error = null;
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        Settings = found.Value;
        CanEdit = await db.HasModuleAsync(actor, Settings!.AccountId, ModuleCatalog.Account, HttpContext.RequestAborted);
        ViewerHasMfa = await db.Users.AsNoTracking().AnyAsync(u => u.Id == actor.Id && u.AuthenticatorKey != null, HttpContext.RequestAborted);
        return Page();
    }
}
