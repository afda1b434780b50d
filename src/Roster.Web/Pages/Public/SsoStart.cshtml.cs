using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Roster.Sso;
using Roster.Web.Sso;

namespace Roster.Web.Pages.Public;

/// <summary>Sends the browser to the provider, with the email it typed as a hint and a return address of Roster's own.</summary>
public sealed class SsoStartModel(SignInRoutes routes, ProviderSchemes schemes, SsoRefusals refusals) : PageModel
{
    public async Task<IActionResult> OnGetAsync(
        string providerId, [FromQuery(Name = "login_hint")] string? loginHint, [FromQuery] string? returnUrl)
    {
        var provider = await routes.OpenIdProviderAsync(providerId, HttpContext.RequestAborted);
        if (provider is null) return Redirect(SsoFlow.FailedPage);
        var properties = new AuthenticationProperties { RedirectUri = $"/sso/{provider.Id}/complete" };
        properties.Items[SsoFlow.Provider] = provider.Id;
        properties.Items[SsoFlow.ReturnUrl] = Url.IsLocalUrl(returnUrl) ? returnUrl : "/";
        if (loginHint is { Length: > 0 and <= 254 }) properties.Items[SsoFlow.LoginHint] = loginHint.Trim();
        try
        {
            // The handler talks to the provider before redirecting: its discovery document, and a pushed
            // authorization request when the provider takes them.
            await HttpContext.ChallengeAsync(await schemes.EnsureAsync(provider), properties);
            return new EmptyResult();
        }
        catch (Exception e) when (e is OpenIdConnectProtocolException or HttpRequestException or InvalidOperationException or IOException)
        {
            await refusals.RecordAsync(provider, null, SsoFlow.ReasonOf(e) is "sso.failed" ? "sso.provider_unavailable" : SsoFlow.ReasonOf(e),
                HttpContext.Connection.RemoteIpAddress?.ToString(), Request.Headers.UserAgent, HttpContext.RequestAborted);
            return Redirect(SsoFlow.FailedPage);
        }
    }
}
