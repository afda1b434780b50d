using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Roster.Common;
using Roster.Profile;
using Roster.Security;
using Roster.Web.Auth;
using Roster.Web.Pages.Shared;

namespace Roster.Web.Pages.Public;

/// <summary>
/// Where a mailed reset link leads: a new password, or a clear page for a used, expired or unknown link. No session
/// starts here; the user signs in afterwards, with their second factor when they have one.
/// </summary>
[AddressLimited]
public sealed class ResetPasswordModel(ResetPassword reset, PasswordPolicy passwords) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    [BindProperty] public string? NewPassword { get; set; }
    [BindProperty] public string? ConfirmPassword { get; set; }
    public ResetLinkState State { get; private set; }
    public bool Done { get; private set; }
    public string PasswordHint => passwords.Hint;
    public FormErrors Errors { get; } = new("password", "confirm_password");

    public async Task OnGetAsync() => State = await reset.StateAsync(Token, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        State = await reset.StateAsync(Token, HttpContext.RequestAborted);
        if (State != ResetLinkState.Usable) return Page();
        var result = await reset.HandleAsync(new ResetPasswordRequest(
            Token, NewPassword, HttpContext.Connection.RemoteIpAddress?.ToString(), Request.Headers.UserAgent, ConfirmPassword ?? ""),
            HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            Done = true;
            // A session open in this browser belongs to the user whose sessions just ended.
            SessionCookie.Delete(HttpContext);
            return Page();
        }
        if (result.Error.Field == "token")
            State = await reset.StateAsync(Token, HttpContext.RequestAborted);
        else
            Errors.Show(result.Error);
        return Page();
    }

    public static string Describe(TimeSpan lifetime) =>
        lifetime.TotalMinutes < 120 ? $"{lifetime.TotalMinutes:0} minutes" : $"{lifetime.TotalHours:0.#} hours";
}
