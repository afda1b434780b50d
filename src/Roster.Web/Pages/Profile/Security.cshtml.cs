using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Roster.Common;
using Roster.Profile;
using Roster.Security;
using Roster.Web.Auth;
using Roster.Web.Pages.Shared;

namespace Roster.Web.Pages.Profile;

/// <summary>The profile's Security section: change password, the way to two-factor authentication, delete user.</summary>
// The same per-address limit as sign-in: the form takes the current password.
[AddressLimited]
public sealed class SecurityModel(PasswordPolicy passwords) : PageModel
{
    [BindProperty] public string? CurrentPassword { get; set; }
    [BindProperty] public string? NewPassword { get; set; }
    [BindProperty] public string? ConfirmPassword { get; set; }
    [TempData] public string? Notice { get; set; }
    public string PasswordHint => passwords.Hint;
    public FormErrors Errors { get; } = new("old_password", "password", "confirm_password");

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostChangePasswordAsync([FromServices] ChangePassword change)
    {
        var result = await change.HandleAsync(new ChangePasswordRequest(CurrentPassword, NewPassword, DeviceCookie.Read(HttpContext), ConfirmPassword ?? ""),
            HttpContext.Actor(), HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            Notice = "Your password was changed. Your other sessions were signed out.";
            return RedirectToPage();
        }
        Errors.Show(result.Error);
        return Page();
    }
}
