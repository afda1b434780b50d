using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Roster.Common;
using Roster.Sessions;
using Roster.Sso;
using Roster.Web.Auth;
using Roster.Web.Pages.Shared;

namespace Roster.Web.Pages.Public;

/// <summary>
/// The email first, then the way that email signs in: the password, the person's identity provider, or both when the
/// domain does not enforce its provider. Plain forms, no script: each step is a post.
/// </summary>
// The same per-address limit as the API's sign-in, so the form is no way around it.
[AddressLimited]
public sealed class SignInModel(SignIn signIn, SignInRoutes routes) : PageModel
{
    private static readonly Error EmailRequired = new("auth.email_required", "Enter your email.", Field: "email");

    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Notice { get; private set; }
    public bool SessionEnded { get; private set; }

    /// <summary>The email is known and may sign in with a password: the password field is shown.</summary>
    public bool PasswordStep { get; private set; }

    /// <summary>The identity provider the email signs in through, when it has one.</summary>
    public SignInRoute? Route { get; private set; }

    public string ProviderStart => Route is null ? "" :
        $"/sso/{Route.Provider.Id}/start?login_hint={Uri.EscapeDataString(Email?.Trim() ?? "")}&returnUrl={Uri.EscapeDataString(SafeReturnUrl)}";

    /// <summary>A refused sign-in names no field: which of email or password was wrong is not said.</summary>
    public FormErrors Errors { get; } = new("email");

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
        if (string.IsNullOrWhiteSpace(Email))
        {
            Errors.Show(EmailRequired);
            return Page();
        }
        if (Password is null) return await ShowWaysAsync();

        var result = await signIn.BeginAsync(new SignInRequest(
            Email, Password, HttpContext.Connection.RemoteIpAddress?.ToString(), Request.Headers.UserAgent,
            DeviceCookie: DeviceCookie.Read(HttpContext)), HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            await ShowWaysAsync();
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

    /// <summary>The second step: the password unless the domain enforces its provider, and the provider if there is one.</summary>
    private async Task<PageResult> ShowWaysAsync()
    {
        Route = await routes.ForPersonAsync(Email!, HttpContext.RequestAborted);
        PasswordStep = Route is not { Enforced: true };
        return Page();
    }

    private string SafeReturnUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";
}
