using System.Security.Cryptography;
using System.Text;

namespace Roster.Common;

/// <summary>
/// High-entropy bearer secrets (session ids, API token secrets, link tokens). They carry 256 random bits,
/// so a single SHA-256 is a sound way to store them: nothing in the database can be replayed.
/// </summary>
public static class Secrets
{
    public static string New() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool Matches(string secret, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(storedHash));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
