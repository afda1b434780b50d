using Roster.Sso;
using Roster.Users;
using Roster.Sessions;
using Roster.Web.Auth;
using static Roster.Web.Api.Shapes;

namespace Roster.Web.Api;

/// <summary>/auth/login, /auth/logout and /auth/context.</summary>
public static class AuthEndpoints
{
    /// <param name="Code">For a user with two-factor authentication: the authenticator app's code, or a recovery code.</param>
    public sealed record LoginBody(string? Email, string? Password, string? Code);
    public sealed record ContextSwitchBody(Reference? Account);
    public sealed record UserCheckBody(string? Email);
    public sealed record UserCheckAnswer(UserCheckIdp Idp);

    /// <summary>Connect's answer names the provider; Roster's password has no id of its own, so it has none.</summary>
    public sealed record UserCheckIdp(string? Id, string Name, string Type);

    public static void MapAuthEndpoints(this IEndpointRouteBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Auth");
        auth.MapPost("/login", LoginAsync).AllowAnonymous().RequireAddressLimit()
            .Produces<ContextBody>(StatusCodes.Status201Created).ProducesConnectErrors(401);
        auth.MapPost("/user/check", CheckUserAsync).AllowAnonymous().RequireAddressLimit()
            .Produces<UserCheckAnswer>().ProducesConnectErrors(400);
        auth.MapPost("/logout", LogoutAsync).Produces(StatusCodes.Status200OK).ProducesConnectErrors(401);
        auth.MapGet("/context", GetContextAsync).Produces<ContextBody>().ProducesConnectErrors(401);
        auth.MapPost("/context", SwitchContextAsync)
            .Produces<ContextBody>(StatusCodes.Status201Created).ProducesConnectErrors(401, 404);
    }

    private static async Task<IResult> LoginAsync(HttpContext context, SignIn signIn)
    {
        var body = await ConnectJson.ReadAsync<LoginBody>(context.Request);
        if (!body.Succeeded) return body.Error.ToApi();
        var result = await signIn.HandleAsync(new SignInRequest(
            body.Value.Email, body.Value.Password, context.Connection.RemoteIpAddress?.ToString(),
            context.Request.Headers.UserAgent, body.Value.Code, DeviceCookie.Read(context)), context.RequestAborted);
        if (!result.Succeeded) return result.Error.ToApi();

        var signedIn = result.Value;
        SessionCookie.Append(context, signedIn.Secret);
        DeviceCookie.Append(context, signedIn);
        var account = signedIn.Account is null ? null : new Reference(signedIn.Account.Id, signedIn.Account.Name);
        return ConnectJson.Created(new ContextBody(account, new Reference(signedIn.User.Id, signedIn.User.Name)));
    }

    /// <summary>
    /// Which provider signs an email in, as the sign-in page's second step shows it: a verified domain's OpenID
    /// provider, or Roster's password (<c>type: system</c>) for every other address, registered or not. It never
    /// answers 404 for an unknown email, as Connect may, so it tells no more than the sign-in page (ADR 0012).
    /// </summary>
    private static async Task<IResult> CheckUserAsync(HttpContext context, SignInRoutes routes)
    {
        var body = await ConnectJson.ReadAsync<UserCheckBody>(context.Request);
        if (!body.Succeeded) return body.Error.ToApi();
        if (UserRules.ValidateEmail(body.Value.Email) is { } invalid) return invalid.ToApi();
        var route = await routes.ForPersonAsync(body.Value.Email!, context.RequestAborted);
        var idp = route is null
            ? new UserCheckIdp(null, ChangeDomainUserProvider.BuiltInName, SignInShapes.TypeName(IdentityProviderType.System))
            : new UserCheckIdp(route.Provider.Id, route.Provider.Name, SignInShapes.TypeName(route.Provider.Type));
        return ConnectJson.Ok(new UserCheckAnswer(idp));
    }

    private static async Task<IResult> LogoutAsync(HttpContext context, SignOut signOut)
    {
        await signOut.HandleAsync(context.Actor(), context.RequestAborted);
        SessionCookie.Delete(context);
        return ConnectJson.Ok(new { });
    }

    private static async Task<IResult> GetContextAsync(HttpContext context, ActiveAccount active)
    {
        var actor = context.Actor();
        var account = await active.ForAsync(actor, context.RequestAborted);
        return ConnectJson.Ok(new ContextBody(account is null ? null : new Reference(account.Id, account.Name, null), new Reference(actor.Id, actor.Name)));
    }

    private static async Task<IResult> SwitchContextAsync(HttpContext context, SwitchAccount switchAccount)
    {
        var body = await ConnectJson.ReadAsync<ContextSwitchBody>(context.Request);
        if (!body.Succeeded) return body.Error.ToApi();
        var actor = context.Actor();
        var result = await switchAccount.HandleAsync(body.Value.Account?.Id, actor, context.RequestAborted);
        if (!result.Succeeded) return result.Error.ToApi();
        return ConnectJson.Created(new ContextBody(new Reference(result.Value.Id, result.Value.Name), new Reference(actor.Id, actor.Name)));
    }
}
