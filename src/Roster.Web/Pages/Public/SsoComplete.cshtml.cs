using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Roster.Sso;
using Roster.Web.Auth;
using Roster.Web.Sso;

namespace Roster.Web.Pages.Public;

/// <summary>
/// Where the provider's handler sends the browser once it has checked the ID token: Roster decides here, from the
/// claims held for a few minutes in the external cookie, whether the person signs in.
/// </summary>
[AddressLimited]
public sealed class SsoCompleteModel(SsoSignIn signIn) : PageModel
{
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(string providerId)
    {
        var external = await HttpContext.AuthenticateAsync(ProviderSchemes.ExternalCookie);
        // Used once, whatever happens next.
        await HttpContext.SignOutAsync(ProviderSchemes.ExternalCookie);
        if (!external.Succeeded || Item(external, SsoFlow.Provider) != providerId)
            return Redirect(SsoFlow.FailedPage);

        var claims = external.Principal.Claims.Select(c => KeyValuePair.Create(c.Type, c.Value)).ToList();
        var result = await signIn.HandleAsync(new SsoSignInRequest(
            providerId, claims, HttpContext.Connection.RemoteIpAddress?.ToString(), Request.Headers.UserAgent,
            DeviceCookie.Read(HttpContext)), HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            Message = result.Error.Message;
            return Page();
        }
        var returnUrl = Item(external, SsoFlow.ReturnUrl);
        returnUrl = Url.IsLocalUrl(returnUrl) ? returnUrl : "/";
        if (result.Value.SignedIn is not { } signedIn)
        {
            PendingSignIn.Append(HttpContext, result.Value.PendingUserId!, result.Value.PendingStamp, result.Value.Origin);
            return Redirect($"/sign-in/code?returnUrl={Uri.EscapeDataString(returnUrl)}");
        }
        SessionCookie.Append(HttpContext, signedIn.Secret);
        DeviceCookie.Append(HttpContext, signedIn);
        return LocalRedirect(returnUrl);
    }

    private static string? Item(AuthenticateResult result, string key) =>
        result.Properties?.Items.TryGetValue(key, out var value) == true ? value : null;
}
