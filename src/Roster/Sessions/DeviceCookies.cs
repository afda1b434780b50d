using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Roster.Common;
using Roster.Users;

namespace Roster.Sessions;

/// <summary>
/// Whose attempts a proof of identity counts against: a device that has signed in as the user before (it shows
/// that device's cookie), or the user's untrusted clients, everyone else together.
/// </summary>
/// <param name="Nonce">The device's random nonce; null for untrusted clients.</param>
public sealed record SignInClient(string Scope, string? Nonce)
{
    public static SignInClient Untrusted { get; } = new("sign-in:untrusted", null);

    public static SignInClient Device(string nonce) => new("sign-in:device:" + Secrets.Hash(nonce), nonce);
}

/// <summary>
/// OWASP's device cookies ("Slow Down Online Guessing Attacks with Device Cookies"): after a successful sign-in
/// the browser gets a cookie naming the user and a random nonce, encrypted and signed with Roster's data
/// protection keys. It opens nothing by itself; it only lets that browser keep a failure count of its own, so
/// strangers' guesses cannot lock the owner out of a device they use. It lapses after
/// <see cref="SecurityOptions.DeviceCookieLifetime"/> and when the user's password changes (the security stamp).
/// </summary>
public sealed class DeviceCookies(IDataProtectionProvider protection, TimeProvider clock, IOptions<SecurityOptions> options)
{
    private const int MaxLength = 2048;
    private readonly IDataProtector _protector = protection.CreateProtector("Roster.DeviceCookie.v1");

    private sealed record Payload(string User, string Stamp, string Nonce, long ExpiresAt);

    public TimeSpan Lifetime => options.Value.DeviceCookieLifetime;

    /// <summary>The device of a valid cookie for this user; for anything else (none, forged, lapsed, another user's), untrusted.</summary>
    public SignInClient ClientOf(string? cookie, User user)
    {
        if (string.IsNullOrEmpty(cookie) || cookie.Length > MaxLength) return SignInClient.Untrusted;
        Payload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<Payload>(_protector.Unprotect(cookie));
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return SignInClient.Untrusted;
        }
        var valid = payload is not null && payload.User == user.Id && payload.Stamp == (user.SecurityStamp ?? "")
                    && !string.IsNullOrEmpty(payload.Nonce) && clock.GetUtcNow().ToUnixTimeSeconds() < payload.ExpiresAt;
        return valid ? SignInClient.Device(payload!.Nonce) : SignInClient.Untrusted;
    }

    /// <summary>The cookie to give a client that just signed in: its own device again, or a new one, for a whole lifetime.</summary>
    public string Issue(User user, SignInClient client)
    {
        var expiresAt = (clock.GetUtcNow() + Lifetime).ToUnixTimeSeconds();
        var payload = new Payload(user.Id, user.SecurityStamp ?? "", client.Nonce ?? Secrets.New(), expiresAt);
        return _protector.Protect(JsonSerializer.Serialize(payload));
    }
}
