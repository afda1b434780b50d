using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Roster.Mfa;

/// <summary>
/// Authenticator keys: 160 random bits (RFC 4226's recommended length), shown Base32-encoded and stored encrypted
/// with Roster's data-protection keys, so the users table alone does not give the codes away.
/// </summary>
public sealed class AuthenticatorKeys(IDataProtectionProvider protection)
{
    public const string Issuer = "Roster";
    private const int KeyBytes = 20;

    private readonly IDataProtector _protector = protection.CreateProtector("Roster.Mfa.AuthenticatorKey.v1");

    /// <summary>A new key, Base32 as shown to the person.</summary>
    public static string NewKey() => Base32.Encode(RandomNumberGenerator.GetBytes(KeyBytes));

    public string Protect(string base32Key) => _protector.Protect(base32Key);

    /// <summary>The raw key bytes of a stored (protected) key.</summary>
    public byte[] Reveal(string protectedKey) => Base32.Decode(RevealText(protectedKey))!;

    /// <summary>The Base32 text of a stored key, for showing a pending enrolment again.</summary>
    public string RevealText(string protectedKey) => _protector.Unprotect(protectedKey);

    /// <summary>Google's Key URI format, which every common authenticator app reads from the QR code.</summary>
    public static string Uri(string base32Key, string email)
    {
        // The '@' stays readable in the label, as apps display it; everything else that needs it is escaped.
        var label = System.Uri.EscapeDataString($"{Issuer}:{email}").Replace("%40", "@", StringComparison.Ordinal)
            .Replace("%3A", ":", StringComparison.Ordinal);
        return $"otpauth://totp/{label}?secret={base32Key}&issuer={Issuer}&algorithm=SHA1&digits={Totp.Digits}&period={Totp.StepSeconds}";
    }
}
