using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Roster.Common;
using Roster.Profile;
using Roster.Web.Auth;

namespace Roster.Web.Pages.Public;

/// <summary>Asks for a reset link; the page says the same thing for every well-formed email.</summary>
[AddressLimited]
public sealed class ForgotPasswordModel(RequestPasswordReset request, IOptions<SecurityOptions> security) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    public bool Sent { get; private set; }
    public string LifetimeText => ResetPasswordModel.Describe(security.Value.PasswordResetLifetime);
    private Error? _error;

    public string? FieldError(string field) => _error?.Field == field ? _error.Message : null;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await request.HandleAsync(new PasswordResetRequest(
            Email, HttpContext.Connection.RemoteIpAddress?.ToString(), Request.Headers.UserAgent), HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            _error = result.Error;
            return Page();
        }
        Email = Email!.Trim();
        Sent = true;
        return Page();
    }
}
