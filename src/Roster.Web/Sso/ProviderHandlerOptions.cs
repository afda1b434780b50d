using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Roster.Sso;

namespace Roster.Web.Sso;

/// <summary>
/// The settings of a provider's OpenID Connect handler, from its row: authorization code with PKCE, the handler's
/// own <c>state</c> and <c>nonce</c>, the issuer's discovery document, the client secret decrypted only here, and the
/// claims kept as the provider named them. The ID token's lifetime, like the handler's cookies, is judged on
/// Roster's clock. Whatever the handler refuses goes to one plain page; the reason goes to the audit trail only.
/// </summary>
public sealed class ProviderHandlerOptions(ProviderSchemes schemes, ClientSecrets secrets, TimeProvider clock)
    : IConfigureNamedOptions<OpenIdConnectOptions>
{
    public void Configure(OpenIdConnectOptions options) { }

    public void Configure(string? name, OpenIdConnectOptions options)
    {
        if (name is null || schemes.RowOf(name) is not { } provider) return;
        var issuer = provider.Issuer!.TrimEnd('/');
        options.TimeProvider = clock;
        options.SignInScheme = ProviderSchemes.ExternalCookie;
        options.Authority = issuer;
        options.MetadataAddress = issuer + "/.well-known/openid-configuration";
        options.RequireHttpsMetadata = !IsLoopback(issuer);
        options.ClientId = provider.ClientId;
        options.ClientSecret = provider.ClientSecret is { } secret ? secrets.Reveal(secret) : null;
        options.ResponseType = OpenIdConnectResponseType.Code;
        // A redirect back (GET), not a cross-site form post: the correlation and nonce cookies can then stay SameSite=Lax.
        options.ResponseMode = OpenIdConnectResponseMode.Query;
        options.UsePkce = true;
        options.MapInboundClaims = false;
        options.SaveTokens = false;
        options.GetClaimsFromUserInfoEndpoint = false;
        options.CallbackPath = ProviderSchemes.CallbackPath(provider.Id);
        // Each provider's own, so the handlers of several providers never answer each other's paths.
        options.SignedOutCallbackPath = $"/sso/{provider.Id}/signed-out";
        options.RemoteSignOutPath = $"/sso/{provider.Id}/remote-sign-out";
        options.Scope.Clear();
        foreach (var scope in provider.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Append("openid").Distinct()) options.Scope.Add(scope);
        foreach (var cookie in new[] { options.CorrelationCookie, options.NonceCookie })
        {
            cookie.SameSite = SameSiteMode.Lax;
            cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        }
        options.TokenValidationParameters.NameClaimType = provider.NameClaim;
        options.TokenValidationParameters.ValidateLifetime = true;
        options.TokenValidationParameters.LifetimeValidator = Lifetime;
        options.Events = new OpenIdConnectEvents
        {
            OnRedirectToIdentityProvider = context =>
            {
                if (context.Properties.Items.TryGetValue(SsoFlow.LoginHint, out var hint)) context.ProtocolMessage.LoginHint = hint;
                return Task.CompletedTask;
            },
            OnTokenResponseReceived = RequireSignature,
            OnRemoteFailure = context => SsoFlow.RefuseAsync(context, provider.Id),
        };
    }

    /// <summary>
    /// The handler checks a signature the ID token has, but takes one from the token endpoint without any (the
    /// specification lets TLS vouch for it). Roster does not: an issuer on plain loopback HTTP has no TLS, and a
    /// signature is what ties the token to the provider's published keys wherever it came from.
    /// </summary>
    private static Task RequireSignature(TokenResponseReceivedContext context)
    {
        var token = context.TokenEndpointResponse.IdToken;
        var signed = false;
        try
        {
            signed = token is not null && new JsonWebToken(token).IsSigned;
        }
        catch (ArgumentException)
        {
        }
        if (!signed) context.Fail(new SecurityTokenInvalidSignatureException("The ID token from the token endpoint is not signed."));
        return Task.CompletedTask;
    }

    /// <summary>On Roster's clock, with the handler's usual five minutes of skew.</summary>
    private bool Lifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var skew = parameters.ClockSkew;
        if (expires is null) return false;
        if (notBefore is { } from && from - skew > now) throw new SecurityTokenNotYetValidException("The ID token is not valid yet.");
        if (expires.Value + skew < now) throw new SecurityTokenExpiredException("The ID token has expired.") { Expires = expires.Value };
        return true;
    }

    private static bool IsLoopback(string issuer) =>
        Uri.TryCreate(issuer, UriKind.Absolute, out var uri)
        && (uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address)));
}
