using Microsoft.AspNetCore.Authorization;
using Roster.Security;
using Roster.Web.Api;

namespace Roster.Web.Auth;

/// <summary>
/// Keeps a member without MFA out of an account that requires it: the API answers 403 and the portal leads to
/// enrolment. What they need to get out of that stays open: their own profile and MFA enrolment, seeing and
/// switching accounts, changing their password and signing out.
/// </summary>
public static class MfaPolicyEnforcement
{
    public const string ErrorCode = "auth.mfa_enrolment_required";
    public const string EnrolmentPage = "/profile/mfa";
    private static readonly object Key = new();

    public static IApplicationBuilder UseMfaPolicy(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var actor = context.ActorOrNull();
        if (actor is not { IsUser: true } || context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null || IsWayOut(context.Request, actor.Id))
        {
            await next();
            return;
        }
        var demand = await DemandAsync(context, TargetAccount(context.Request));
        if (demand is not { Blocks: true })
        {
            await next();
            return;
        }
        if (context.Request.IsApi())
            await ConnectJson.WriteProblemAsync(context, StatusCodes.Status403Forbidden, ErrorCode,
                $"{demand.AccountName} requires two-factor authentication. Turn it on for your user " +
                $"(POST {ApiRoutes.Prefix}/users/{actor.Id}/mfa/authenticator), or switch to another account.");
        else
            context.Response.Redirect(EnrolmentPage);
    });

    /// <summary>The policy demand on the current user, read once per request (the layout's banner asks again).</summary>
    public static async Task<MfaDemand?> DemandAsync(HttpContext context, string? targetAccountId = null)
    {
        if (targetAccountId is null && context.Items.TryGetValue(Key, out var known)) return known as MfaDemand;
        var actor = context.ActorOrNull();
        if (actor is null) return null;
        var demand = await context.RequestServices.GetRequiredService<MfaPolicyGate>().DemandAsync(actor, targetAccountId, context.RequestAborted);
        if (targetAccountId is null) context.Items[Key] = demand;
        return demand;
    }

    private static bool IsWayOut(HttpRequest request, string userId)
    {
        var path = request.Path;
        if (!request.IsApi())
            return path.StartsWithSegments("/profile") || path.StartsWithSegments("/sign-out") || path.StartsWithSegments("/switch-account");
        path.StartsWithSegments(ApiRoutes.Prefix, out var rest);
        return rest.StartsWithSegments("/auth/context") || rest.StartsWithSegments("/auth/logout")
               || rest.StartsWithSegments("/auth/password") || rest.StartsWithSegments($"/users/{userId}");
    }

    /// <summary>An account named in the path (/accounts/{id}/...), which the request reaches besides the active one.</summary>
    private static string? TargetAccount(HttpRequest request)
    {
        if (!request.IsApi() || !request.Path.StartsWithSegments(ApiRoutes.Prefix + "/accounts", out var rest)) return null;
        var segments = rest.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments is { Length: > 0 } ? segments[0] : null;
    }
}
