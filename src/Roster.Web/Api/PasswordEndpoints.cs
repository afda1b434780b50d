using Roster.Profile;
using Roster.Web.Auth;
using static Roster.Web.Api.Shapes;

namespace Roster.Web.Api;

/// <summary>/auth/password/change, /restore and /set, and DELETE /users/{id} for deleting one's own user.</summary>
public static class PasswordEndpoints
{
    public sealed record PasswordChangeBody(string? OldPassword, string? Password);
    public sealed record PasswordRestoreBody(string? Email);
    public sealed record PasswordSetBody(string? Token, string? Password);
    public sealed record PasswordSetAnswer(Reference User);
    public sealed record UserDeleteBody(string? Password);
    public sealed record Empty;

    public static void MapPasswordEndpoints(this IEndpointRouteBuilder api)
    {
        var password = api.MapGroup("/auth/password").WithTags("Auth");
        // The same per-address limit as sign-in: each of these takes a password or mails one.
        password.MapPost("/change", ChangeAsync).RequireAddressLimit()
            .Produces<Empty>(StatusCodes.Status201Created).ProducesConnectErrors(401, 403, 429);
        password.MapPost("/restore", RestoreAsync).AllowAnonymous().RequireAddressLimit()
            .Produces<Empty>().ProducesConnectErrors(429);
        password.MapPost("/set", SetAsync).AllowAnonymous().RequireAddressLimit()
            .Produces<PasswordSetAnswer>(StatusCodes.Status201Created).ProducesConnectErrors(429);

        api.MapDelete("/users/{userId}", DeleteOwnUserAsync).WithTags("Users").RequireAddressLimit()
            .Produces(StatusCodes.Status204NoContent).ProducesConnectErrors(401, 404, 429);
    }

    private static async Task<IResult> ChangeAsync(HttpContext context, ChangePassword change)
    {
        var body = await ConnectJson.ReadAsync<PasswordChangeBody>(context.Request);
        if (!body.Succeeded) return body.Error.ToApi();
        var result = await change.HandleAsync(
            new ChangePasswordRequest(body.Value.OldPassword, body.Value.Password, DeviceCookie.Read(context)),
            context.Actor(), context.RequestAborted);
        return result.Succeeded ? ConnectJson.Created(new Empty()) : result.Error.ToApi();
    }

    private static async Task<IResult> RestoreAsync(HttpContext context, RequestPasswordReset restore)
    {
        var body = await ConnectJson.ReadAsync<PasswordRestoreBody>(context.Request);
        if (!body.Succeeded) return body.Error.ToApi();
        var result = await restore.HandleAsync(new PasswordResetRequest(
            body.Value.Email, context.Connection.RemoteIpAddress?.ToString(), context.Request.Headers.UserAgent),
            context.RequestAborted);
        return result.Succeeded ? ConnectJson.Ok(new Empty()) : result.Error.ToApi();
    }

    /// <summary>
    /// Unlike Connect, no session is started here: the user signs in with the new password, and with their second
    /// factor when they have one, so a mailbox alone never gets past MFA.
    /// </summary>
    private static async Task<IResult> SetAsync(HttpContext context, ResetPassword reset)
    {
        var body = await ConnectJson.ReadAsync<PasswordSetBody>(context.Request);
        if (!body.Succeeded) return body.Error.ToApi();
        var result = await reset.HandleAsync(new ResetPasswordRequest(
            body.Value.Token, body.Value.Password, context.Connection.RemoteIpAddress?.ToString(), context.Request.Headers.UserAgent),
            context.RequestAborted);
        if (!result.Succeeded) return result.Error.ToApi();
        return ConnectJson.Created(new PasswordSetAnswer(new Reference(result.Value.Id, result.Value.Name)));
    }

    /// <summary>The password travels in the JSON body of the DELETE (<c>{"password": "..."}</c>).</summary>
    private static async Task<IResult> DeleteOwnUserAsync(string userId, HttpContext context, DeleteOwnUser delete)
    {
        string? password = null;
        if (HasBody(context.Request))
        {
            var body = await ConnectJson.ReadAsync<UserDeleteBody>(context.Request);
            if (!body.Succeeded) return body.Error.ToApi();
            password = body.Value.Password;
        }
        var result = await delete.HandleAsync(userId, password, context.Actor(), DeviceCookie.Read(context), ct: context.RequestAborted);
        if (!result.Succeeded) return result.Error.ToApi();
        SessionCookie.Delete(context);
        return Results.NoContent();
    }

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;
}
