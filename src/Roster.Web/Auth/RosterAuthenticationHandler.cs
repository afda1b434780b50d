using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Roster.Common;
using Roster.Sessions;
using Roster.Tokens;
using Roster.Web.Api;

namespace Roster.Web.Auth;

/// <summary>
/// One scheme for both faces: "Authorization: ApiKey SU-...:secret" for API tokens, otherwise the session cookie.
/// Both are checked against the database on every request, so a revoked token or ended session fails at once.
/// </summary>
public sealed class RosterAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ResolveSession sessions, ResolveToken tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Roster";
    public const string ApiKeyPrefix = "ApiKey ";
    private static readonly object ExpiredKey = new();

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var ip = Context.Connection.RemoteIpAddress?.ToString();
        string? header = Request.Headers.Authorization;
        if (header is not null && header.StartsWith(ApiKeyPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var token = await tokens.HandleAsync(header[ApiKeyPrefix.Length..].Trim(), ip, Context.RequestAborted);
            if (token.ExpiredTokenId is not null) Context.Items[ExpiredKey] = token.ExpiredTokenId;
            return token.Actor is null ? AuthenticateResult.Fail("Invalid API token.") : Success(token.Actor with { UserAgent = UserAgent() });
        }

        if (!Request.Cookies.TryGetValue(SessionCookie.Name, out var secret) || string.IsNullOrEmpty(secret))
            return AuthenticateResult.NoResult();
        var session = await sessions.HandleAsync(secret, Context.RequestAborted);
        if (session is null) return AuthenticateResult.Fail("The session has ended.");
        return Success(new Actor(ActorKind.User, session.UserId, session.UserName, session.AccountId, session.SessionId, ip, UserAgent()));
    }

    private string? UserAgent()
    {
        string? agent = Request.Headers.UserAgent;
        return agent is { Length: > 512 } ? agent[..512] : agent;
    }

    private AuthenticateResult Success(Actor actor)
    {
        Context.SetActor(actor);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, actor.Id), new Claim(ClaimTypes.Name, actor.Name)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Request.IsApi() && Context.Items[ExpiredKey] is string expired)
            return ConnectJson.WriteProblemAsync(Context, StatusCodes.Status401Unauthorized, "auth.token_expired",
                $"The API token {expired} has expired. Renew it (POST /auth/tokens/{expired}/renew) with a member's sign-in or another token.");
        if (Request.IsApi())
            return ConnectJson.WriteProblemAsync(Context, StatusCodes.Status401Unauthorized, "auth.required",
                "Authentication credentials were not provided or are not valid.");
        var returnUrl = Request.PathBase + Request.Path + Request.QueryString;
        // A cookie that no longer signs anyone in means the session was ended elsewhere or lapsed: say so on the
        // sign-in page, which must not depend on the cookie still being there when it loads.
        var ended = Request.Cookies.ContainsKey(SessionCookie.Name);
        if (ended) SessionCookie.Delete(Context);
        Response.Redirect($"/sign-in?{(ended ? "ended=true&" : "")}returnUrl={Uri.EscapeDataString(returnUrl)}");
        return Task.CompletedTask;
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        if (Request.IsApi())
            return ConnectJson.WriteProblemAsync(Context, StatusCodes.Status403Forbidden, "permission.denied",
                "You do not have the permission to do this.");
        Response.Redirect("/");
        return Task.CompletedTask;
    }
}
