namespace Roster.Web.Auth;

/// <summary>
/// Response headers that keep the portal out of frames, stop browsers from guessing content types and, over HTTPS
/// outside Development, keep them on HTTPS. Set as the answer starts, so that every answer has them: static files,
/// redirects and the error pages written after a failure cleared the response.
/// </summary>
public static class SecurityHeaders
{
    private const string Hsts = "max-age=31536000";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, IWebHostEnvironment environment) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            if (!context.Request.IsApi())
                headers.ContentSecurityPolicy =
                    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
            if (context.Request.IsHttps && !environment.IsDevelopment() && !IsLoopback(context.Request.Host.Host))
                headers.StrictTransportSecurity = Hsts;
            return Task.CompletedTask;
        });
        return next();
    });

    /// <summary>As ASP.NET Core's own HSTS does: a developer's localhost should not remember HTTPS for every port.</summary>
    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var address) && System.Net.IPAddress.IsLoopback(address));
}
