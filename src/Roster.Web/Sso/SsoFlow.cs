using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Roster.Sso;

namespace Roster.Web.Sso;

/// <summary>
/// The web half of signing in through a provider: <c>/sso/{id}/start</c> challenges the provider's scheme, its
/// handler takes the answer at <c>/sso/{id}/callback</c> into a short-lived external cookie, and
/// <c>/sso/{id}/complete</c> hands the claims to <see cref="SsoSignIn"/>. Anything the handler refuses lands on
/// <c>/sso/failed</c>, audited with the reason.
/// </summary>
public static partial class SsoFlow
{
    public const string FailedPage = "/sso/failed";
    public const string LoginHint = "roster.login_hint";
    public const string ReturnUrl = "roster.return_url";
    public const string Provider = "roster.provider";

    public static IServiceCollection AddRosterSso(this IServiceCollection services)
    {
        services.AddSingleton<ProviderSchemes>();
        services.AddSingleton<IConfigureOptions<OpenIdConnectOptions>, ProviderHandlerOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<OpenIdConnectOptions>, OpenIdConnectPostConfigureOptions>());
        services.AddAuthentication().AddCookie(ProviderSchemes.ExternalCookie, o =>
        {
            o.Cookie.Name = "roster_sso";
            o.Cookie.Path = "/sso";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // Only from the provider's answer to Roster's completion step, a redirect apart.
            o.ExpireTimeSpan = TimeSpan.FromMinutes(5);
            o.SlidingExpiration = false;
        });
        return services;
    }

    /// <summary>
    /// Before authentication: a callback needs its provider's scheme on this node, as the provider is now, whichever
    /// node started the sign-in.
    /// </summary>
    public static IApplicationBuilder UseProviderSchemes(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (HttpMethods.IsGet(context.Request.Method) && CallbackPattern().Match(context.Request.Path.Value ?? "") is { Success: true } match)
        {
            var providerId = match.Groups[1].Value;
            var schemes = context.RequestServices.GetRequiredService<ProviderSchemes>();
            var provider = await context.RequestServices.GetRequiredService<SignInRoutes>().OpenIdProviderAsync(providerId, context.RequestAborted);
            if (provider is null) await schemes.ForgetAsync(providerId);
            else await schemes.EnsureAsync(provider);
        }
        await next();
    });

    /// <summary>A callback no provider's handler took (an unknown provider): the same plain refusal.</summary>
    public static void MapSsoFallbacks(this IEndpointRouteBuilder app) =>
        app.MapGet("/sso/{providerId}/callback", () => Results.Redirect(FailedPage)).AllowAnonymous().ExcludeFromDescription();

    /// <summary>The handler turned the provider's answer down: audited with the reason, shown as a plain page.</summary>
    internal static async Task RefuseAsync(RemoteFailureContext context, string providerId)
    {
        context.HandleResponse();
        var services = context.HttpContext.RequestServices;
        var provider = await services.GetRequiredService<SignInRoutes>().OpenIdProviderAsync(providerId, context.HttpContext.RequestAborted);
        await services.GetRequiredService<SsoRefusals>().RecordAsync(provider, null, ReasonOf(context.Failure),
            context.HttpContext.Connection.RemoteIpAddress?.ToString(), context.Request.Headers.UserAgent, context.HttpContext.RequestAborted);
        context.Response.Redirect(FailedPage);
    }

    /// <summary>The audit's reason for a refusal by the handler; its own text never reaches the person.</summary>
    public static string ReasonOf(Exception? failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
        {
            var reason = e switch
            {
                SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "sso.token_signature",
                SecurityTokenInvalidAudienceException => "sso.token_audience",
                SecurityTokenInvalidIssuerException => "sso.token_issuer",
                SecurityTokenExpiredException or SecurityTokenNotYetValidException or SecurityTokenInvalidLifetimeException => "sso.token_lifetime",
                OpenIdConnectProtocolInvalidNonceException => "sso.nonce",
                SecurityTokenException => "sso.token_invalid",
                _ when e.Message.StartsWith("Correlation failed", StringComparison.Ordinal) => "sso.state_mismatch",
                _ when e.Message.Contains("message.State", StringComparison.Ordinal) => "sso.state_invalid",
                OpenIdConnectProtocolException => "sso.provider_error",
                _ => null,
            };
            if (reason is not null) return reason;
        }
        return "sso.failed";
    }

    [GeneratedRegex("^/sso/([A-Za-z0-9-]{1,64})/callback$")]
    private static partial Regex CallbackPattern();
}
