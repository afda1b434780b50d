using Microsoft.AspNetCore.Authorization;
using Roster.Acl;
using Roster.Web.Api;

namespace Roster.Web.Auth;

/// <summary>
/// Answers 403 to a request whose address the access control list of its account does not allow (<see cref="CheckAddress"/>).
/// The address is the connection's, or the client's as trusted proxies forward it (<see cref="ReverseProxy"/>). A
/// member still gets out: signing out and switching to another account stay open.
/// </summary>
public static class AddressRules
{
    public const string ErrorCode = "auth.ip_not_allowed";

    public static IApplicationBuilder UseAddressRules(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var actor = context.ActorOrNull();
        if (actor is null || context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null || (actor.IsUser && IsWayOut(context.Request)))
        {
            await next();
            return;
        }
        var check = context.RequestServices.GetRequiredService<CheckAddress>();
        var refusal = await check.HandleAsync(actor, context.Connection.RemoteIpAddress, TargetAccount(context.Request), context.RequestAborted);
        if (refusal is null)
        {
            await next();
            return;
        }
        var message = $"Requests from {refusal.Address} are not allowed in account {refusal.AccountId}: its access control list does not include this address.";
        if (context.Request.IsApi())
        {
            await ConnectJson.WriteProblemAsync(context, StatusCodes.Status403Forbidden, ErrorCode, message);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">" +
            "<title>Address not allowed · Roster</title></head><body><main><h1>Address not allowed</h1><p>" +
            System.Net.WebUtility.HtmlEncode(message) +
            "</p><p><a href=\"/switch-account\">Switch to another account</a> or <a href=\"/sign-out\">sign out</a>.</p></main></body></html>",
            context.RequestAborted);
    });

    private static bool IsWayOut(HttpRequest request)
    {
        if (!request.IsApi())
            return request.Path.StartsWithSegments("/sign-out") || request.Path.StartsWithSegments("/switch-account");
        request.Path.StartsWithSegments(ApiRoutes.Prefix, out var rest);
        return rest.StartsWithSegments("/auth/logout") || (rest.StartsWithSegments("/auth/context") && !HttpMethods.IsGet(request.Method));
    }

    /// <summary>An account named in the path, which the request reaches besides the active one.</summary>
    private static string? TargetAccount(HttpRequest request)
    {
        if (!request.IsApi()) return null;
        foreach (var area in new[] { "/accounts", "/acl" })
        {
            if (!request.Path.StartsWithSegments(ApiRoutes.Prefix + area, out var rest)) continue;
            var segments = rest.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries);
            return segments is { Length: > 0 } ? segments[0] : null;
        }
        return null;
    }
}
