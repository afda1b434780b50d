using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Roster.Sso;
using Roster.Web.Sso;

namespace Roster.Web.Pages.Public;

/// <summary>Sends the browser to the provider, with the email it typed as a hint and a return address of Roster's own.</summary>
public sealed class SsoStartModel(SignInRoutes routes, ProviderSchemes schemes) : PageModel
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
        return Challenge(properties, await schemes.EnsureAsync(provider));
    }
}
