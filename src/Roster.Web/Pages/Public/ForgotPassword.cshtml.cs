using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Roster.Profile;
using Roster.Sso;
using Roster.Web.Auth;
using Roster.Web.Pages.Shared;

namespace Roster.Web.Pages.Public;

/// <summary>Asks for a reset link; the page says the same thing for every well-formed email.</summary>
[AddressLimited]
public sealed class ForgotPasswordModel(RequestPasswordReset request, SignInRoutes routes, IOptions<SecurityOptions> security) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    public bool Sent { get; private set; }
    public string LifetimeText => ResetPasswordModel.Describe(security.Value.PasswordResetLifetime);
    public FormErrors Errors { get; } = new("email");

    /// <summary>The provider the person signs in through, when their domain enforces it and there is no password to reset.</summary>
    public SignInRoute? Route { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await request.HandleAsync(new PasswordResetRequest(
            Email, HttpContext.Connection.RemoteIpAddress?.ToString(), Request.Headers.UserAgent), HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            if (result.Error.Code == "auth.sso_required") Route = await routes.ForPersonAsync(Email!, HttpContext.RequestAborted);
            Errors.Show(result.Error);
            return Page();
        }
        Email = Email!.Trim();
        Sent = true;
        return Page();
    }
}
