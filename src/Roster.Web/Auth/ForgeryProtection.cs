using Microsoft.Net.Http.Headers;
using Roster.Common;
using Roster.Web.Api;

namespace Roster.Web.Auth;

/// <summary>
/// Keeps other pages from writing through the API with a signed-in browser's cookie. A write (POST, PUT, PATCH,
/// DELETE) that does not carry an API token must declare a JSON body, which an HTML form cannot and a script on
/// another origin cannot without a CORS preflight that Roster never grants (415 otherwise); and when the browser
/// says where it comes from (Sec-Fetch-Site, Origin), that must be Roster's own origin (403 otherwise). Requests
/// with an <c>ApiKey</c> are left alone: a browser never adds that header on its own.
/// </summary>
public static class ForgeryProtection
{
    public const string MediaTypeCode = "request.unsupported_media_type";
    public const string OriginCode = "request.cross_origin";

    public static IApplicationBuilder UseForgeryProtection(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (!request.IsApi() || IsSafe(request.Method) || HasApiKey(request))
        {
            await next();
            return;
        }
        if (!DeclaresJson(request))
        {
            await ConnectJson.WriteProblemAsync(context, StatusCodes.Status415UnsupportedMediaType, MediaTypeCode,
                "Send this request with Content-Type: application/json, even when it has no body.");
            return;
        }
        if (!FromOwnOrigin(context))
        {
            await ConnectJson.WriteProblemAsync(context, StatusCodes.Status403Forbidden, OriginCode,
                "This request came from a page of another site. Roster's API takes writes with the session cookie only from Roster's own pages; " +
                "other programs sign in with an API token (Authorization: ApiKey ...).");
            return;
        }
        await next();
    });

    private static bool IsSafe(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);

    private static bool HasApiKey(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith(RosterAuthenticationHandler.ApiKeyPrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>application/json, with or without parameters such as a charset.</summary>
    private static bool DeclaresJson(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && type.MediaType.Equals(ConnectJson.ContentType, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Sec-Fetch-Site is the browser's own verdict ("none" is the user typing or bookmarking); Origin is compared with
    /// the public address when one is set, else with the address the request came to. A request with neither header
    /// comes from a program, not a browser, and cannot carry a browser's cookie.
    /// </summary>
    private static bool FromOwnOrigin(HttpContext context)
    {
        var request = context.Request;
        var site = request.Headers["Sec-Fetch-Site"];
        if (site.Count > 0 && site.ToString() is not ("same-origin" or "none")) return false;
        var origin = request.Headers.Origin;
        if (origin.Count == 0) return true;
        var address = context.RequestServices.GetRequiredService<PublicAddress>();
        var own = address.Configured is not null ? address.Origin : $"{request.Scheme}://{request.Host}";
        return origin.Count == 1 && string.Equals(origin.ToString(), own, StringComparison.OrdinalIgnoreCase);
    }
}
