using Roster.Mfa;
using Roster.Web.Auth;

namespace Roster.Web.Api;

/// <summary>
/// /users/{u}/mfa/authenticator: the caller's own authenticator app (Connect publishes no MFA enrolment API; these
/// follow its style). Anyone else's user, and API tokens, get "not found".
/// </summary>
public static class MfaEndpoints
{
    public sealed record EnrolmentBody(string Key, string Uri);
    public sealed record ConfirmBody(string? Code);
    public sealed record RecoveryCodesBody(IReadOnlyList<string> RecoveryCodes);
    public sealed record PasswordBody(string? Password);

    public static void MapMfaEndpoints(this IEndpointRouteBuilder api)
    {
        var authenticator = api.MapGroup("/users/{userId}/mfa/authenticator").WithTags("Two-factor authentication")
            .ProducesConnectErrors(401, 404);
        authenticator.MapPost("", StartAsync).Produces<EnrolmentBody>(StatusCodes.Status201Created)
            .WithSummary("Starts enrolment: a new key for the authenticator app, as text and as an otpauth:// URI for a QR code.");
        authenticator.MapPost("/confirm", ConfirmAsync).Produces<RecoveryCodesBody>()
            .WithSummary("Turns MFA on with a code from the app; answers the recovery codes, shown only this once.");
        authenticator.MapDelete("", DisableAsync).Produces(StatusCodes.Status204NoContent)
            .WithSummary("Turns MFA off; takes the user's password as {\"password\": \"...\"}.");
    }

    private static async Task<IResult> StartAsync(string userId, HttpContext context, StartAuthenticatorEnrolment start)
    {
        var result = await start.HandleAsync(userId, context.Actor(), context.RequestAborted);
        return result.ToApi(e => new EnrolmentBody(e.Key, e.Uri), StatusCodes.Status201Created);
    }

    private static async Task<IResult> ConfirmAsync(string userId, HttpContext context, ConfirmAuthenticator confirm)
    {
        var body = await ConnectJson.ReadAsync<ConfirmBody>(context.Request);
        if (!body.Succeeded) return body.Error.ToApi();
        var result = await confirm.HandleAsync(userId, body.Value.Code, context.Actor(), context.RequestAborted);
        return result.ToApi(codes => new RecoveryCodesBody(codes));
    }

    private static async Task<IResult> DisableAsync(string userId, HttpContext context, DisableAuthenticator disable)
    {
        var body = await ConnectJson.ReadAsync<PasswordBody>(context.Request);
        if (!body.Succeeded) return body.Error.ToApi();
        return (await disable.HandleAsync(userId, body.Value.Password, context.Actor(), DeviceCookie.Read(context), context.RequestAborted)).ToApi();
    }
}
