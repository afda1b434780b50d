namespace Roster.Web.Auth;

/// <summary>The session cookie holds only the opaque session secret; everything else is on the server.</summary>
public static class SessionCookie
{
    public const string Name = "roster_session";

    public static void Append(HttpContext context, string secret) =>
        context.Response.Cookies.Append(Name, secret, Options(context));

    public static void Delete(HttpContext context) => context.Response.Cookies.Delete(Name, Options(context));

    private static CookieOptions Options(HttpContext context) => new()
    {
        HttpOnly = true,
        Secure = context.Request.IsHttps,
        SameSite = SameSiteMode.Lax,
        Path = "/",
        IsEssential = true,
    };
}
