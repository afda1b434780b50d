using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Roster.Sessions;
using Roster.Web.Auth;

namespace Roster.Web.Pages.Public;

/// <summary>The second step of signing in for a user with two-factor authentication: the code.</summary>
[AddressLimited]
public sealed class SignInCodeModel(CompleteSignIn complete) : PageModel
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? CodeError { get; private set; }

    public IActionResult OnGet() => PendingSignIn.Read(HttpContext) is null ? StartOver() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (PendingSignIn.Read(HttpContext) is not { } pending) return StartOver();
        var result = await complete.HandleAsync(new CompleteSignInRequest(
            pending.UserId, pending.Stamp, Code, HttpContext.Connection.RemoteIpAddress?.ToString(), Request.Headers.UserAgent,
            DeviceCookie.Read(HttpContext)),
            HttpContext.RequestAborted);
        if (result.Error == CompleteSignIn.Expired) return StartOver();
        if (!result.Succeeded)
        {
            CodeError = result.Error.Message;
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
