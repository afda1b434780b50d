using Roster.Sessions;

namespace Roster.Web.Auth;

/// <summary>
/// The browser's device cookie (<see cref="DeviceCookies"/>): set after every successful sign-in, by the portal and
/// by the API alike, and sent back with each proof of identity so the browser's failures count on their own.
/// </summary>
public static class DeviceCookie
{
    public const string Name = "roster_device";

    public static string? Read(HttpContext context) =>
        context.Request.Cookies.TryGetValue(Name, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    public static void Append(HttpContext context, SignedIn signedIn) =>
        context.Response.Cookies.Append(Name, signedIn.DeviceCookie, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            // Only Roster's own pages and clients sign in, so the cookie need never travel with another site's request.
            SameSite = SameSiteMode.Strict,
            Path = "/",
            MaxAge = context.RequestServices.GetRequiredService<DeviceCookies>().Lifetime,
            IsEssential = true,
        });
}
