using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Roster.Sessions;
using Roster.Web.Auth;
using Roster.Web.Pages.Shared;

namespace Roster.Web.Pages.Public;

/// <summary>The second step of signing in for a user with two-factor authentication: the code.</summary>
[AddressLimited]
public sealed class SignInCodeModel(CompleteSignIn complete) : PageModel
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    /// <summary>Every refusal here is about the code, whatever field the use case names.</summary>
    public FormErrors Errors { get; } = new("code");

    public IActionResult OnGet() => PendingSignIn.Read(HttpContext) is null ? StartOver() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (PendingSignIn.Read(HttpContext) is not { } pending) return StartOver();
        var result = await complete.HandleAsync(new CompleteSignInRequest(
            pending.UserId, pending.Stamp, Code, HttpContext.Connection.RemoteIpAddress?.ToString(), Request.Headers.UserAgent,
            DeviceCookie.Read(HttpContext), pending.Origin),
            HttpContext.RequestAborted);
        if (result.Error == CompleteSignIn.Expired) return StartOver();
        if (!result.Succeeded)
        {
            Errors.Show(result.Error, "code");
            Code = null;
            return Page();
        }
        PendingSignIn.Delete(HttpContext);
        SessionCookie.Append(HttpContext, result.Value.Secret);
        DeviceCookie.Append(HttpContext, result.Value);
        return LocalRedirect(SafeReturnUrl);
    }

    private RedirectResult StartOver()
    {
        PendingSignIn.Delete(HttpContext);
        return Redirect($"/sign-in?expired=true&returnUrl={Uri.EscapeDataString(SafeReturnUrl)}");
    }

    private string SafeReturnUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";
}
