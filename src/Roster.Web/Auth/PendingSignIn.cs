using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Roster.Sessions;

namespace Roster.Web.Auth;

/// <summary>
/// The portal's half-signed-in state between the password and the code: who proved their password, encrypted and
/// signed with data protection, good for five minutes on Roster's clock. It is not a session: it opens nothing but
/// the code page, and it is sent only to the sign-in pages.
/// </summary>
public static class PendingSignIn
{
    public const string CookieName = "roster_sign_in";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private const string Purpose = "Roster.SignIn.SecondStep.v1";

    /// <param name="Origin">The identity provider the first step came through; null for the password.</param>
    public sealed record State(string UserId, string? Stamp, SessionOrigin? Origin);
    private sealed record Payload(string UserId, string? Stamp, long ExpiresAt, SessionOrigin? Origin = null);

    public static void Append(HttpContext context, string userId, string? stamp, SessionOrigin? origin = null)
    {
        var expiresAt = Clock(context).GetUtcNow() + Lifetime;
        var value = Protector(context).Protect(JsonSerializer.Serialize(new Payload(userId, stamp, expiresAt.ToUnixTimeSeconds(), origin)));
        context.Response.Cookies.Append(CookieName, value, Options(context, Lifetime));
    }

    /// <summary>The state, or null when there is none, it was tampered with, or it has expired.</summary>
    public static State? Read(HttpContext context)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value) || value.Length > 4096) return null;
        Payload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<Payload>(Protector(context).Unprotect(value));
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
        if (payload is null || Clock(context).GetUtcNow().ToUnixTimeSeconds() >= payload.ExpiresAt) return null;
        return new State(payload.UserId, payload.Stamp, payload.Origin);
    }

    public static void Delete(HttpContext context) => context.Response.Cookies.Delete(CookieName, Options(context, null));

    private static IDataProtector Protector(HttpContext context) =>
        context.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);

    private static TimeProvider Clock(HttpContext context) => context.RequestServices.GetRequiredService<TimeProvider>();

    private static CookieOptions Options(HttpContext context, TimeSpan? maxAge) => new()
    {
        HttpOnly = true,
        Secure = context.Request.IsHttps,
        SameSite = SameSiteMode.Strict,
        Path = "/sign-in",
        MaxAge = maxAge,
        IsEssential = true,
    };
}
