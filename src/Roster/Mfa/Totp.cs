using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Roster.Mfa;

/// <summary>
/// Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP) as authenticator apps compute them by default:
/// HMAC-SHA-1, 30-second steps, 6 digits.
/// </summary>
public static class Totp
{
    public const int Digits = 6;
    public const int StepSeconds = 30;

    /// <summary>Steps accepted either side of the current one, for a phone whose clock is a little off.</summary>
    public const int Tolerance = 1;

    public static long StepAt(DateTimeOffset at) => at.ToUnixTimeSeconds() / StepSeconds;

    /// <summary>The code for <paramref name="step"/>; <paramref name="digits"/> other than 6 only for RFC test vectors.</summary>
    public static string Code(ReadOnlySpan<byte> key, long step, int digits = Digits)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> mac = stackalloc byte[HMACSHA1.HashSizeInBytes];
        // SHA-1 is what RFC 6238 and every authenticator app use by default; HMAC-SHA-1 has no known practical weakness.
#pragma warning disable CA5350
        HMACSHA1.HashData(key, counter, mac);
#pragma warning restore CA5350
        var offset = mac[^1] & 0x0F;
        var truncated = BinaryPrimitives.ReadInt32BigEndian(mac[offset..]) & 0x7FFF_FFFF;
        var value = truncated % (int)Math.Pow(10, digits);
        return value.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    /// <summary>Whether <paramref name="code"/> has the shape of a TOTP code (after <see cref="OneTimeCode.Normalize"/>).</summary>
    public static bool IsShaped(string code) => code.Length == Digits && code.All(char.IsAsciiDigit);

    /// <summary>
    /// The step whose code <paramref name="code"/> is, among the current step and <see cref="Tolerance"/> either side,
    /// and only after <paramref name="lastUsedStep"/>, so that a code (or an older one) is never accepted twice.
    /// </summary>
    public static long? Match(ReadOnlySpan<byte> key, string code, DateTimeOffset now, long? lastUsedStep)
    {
        if (!IsShaped(code)) return null;
        var given = Encoding.ASCII.GetBytes(code);
        var current = StepAt(now);
        long? matched = null;
        // Every candidate is computed and compared in constant time, so timing tells nothing about which one matched.
        for (var step = current - Tolerance; step <= current + Tolerance; step++)
        {
            var equal = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Code(key, step)), given);
            if (equal && matched is null && (lastUsedStep is null || step > lastUsedStep)) matched = step;
        }
        return matched;
    }
}
