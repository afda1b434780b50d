using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Roster.Sessions;
using Roster.Web.Auth;
using Roster.Web.Pages.Shared;

namespace Roster.Web.Pages.Public;

// The same per-address limit as the API's sign-in, so the form is no way around it.
[AddressLimited]
public sealed class SignInModel(SignIn signIn) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Notice { get; private set; }
    public bool SessionEnded { get; private set; }

    /// <summary>A refused sign-in names no field: which of email or password was wrong is not said.</summary>
    public FormErrors Errors { get; } = new();

    public IActionResult OnGet(bool signedOut = false, bool ended = false, bool expired = false)
    {
        if (HttpContext.ActorOrNull() is { IsUser: true }) return LocalRedirect(SafeReturnUrl);
        if (signedOut)
        {
            Notice = "You have signed out.";
        }
        else if (expired)
        {
            Notice = "Your sign-in took too long. Enter your email and password again.";
            SessionEnded = true;
        }
        else if (ended || Request.Cookies.ContainsKey(SessionCookie.Name))
        {
            // A cookie that no longer signs anyone in: the session was ended elsewhere, or it lapsed.
            Notice = "Your session has ended. Sign in again to continue.";
            SessionEnded = true;
            SessionCookie.Delete(HttpContext);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await signIn.BeginAsync(new SignInRequest(
            Email, Password, HttpContext.Connection.RemoteIpAddress?.ToString(), Request.Headers.UserAgent,
            DeviceCookie: DeviceCookie.Read(HttpContext)), HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            Errors.Show(result.Error);
            return Page();
        }
        if (result.Value.SignedIn is not { } signedIn)
        {
            PendingSignIn.Append(HttpContext, result.Value.PendingUserId!, result.Value.PendingStamp);
            return RedirectToPage("/Public/SignInCode", new { returnUrl = SafeReturnUrl });
        }
        SessionCookie.Append(HttpContext, signedIn.Secret);
        DeviceCookie.Append(HttpContext, signedIn);
        return LocalRedirect(SafeReturnUrl);
    }

    private string SafeReturnUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";
}
