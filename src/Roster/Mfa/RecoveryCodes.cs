using System.Security.Cryptography;
using Roster.Common;

namespace Roster.Mfa;

/// <summary>
/// Recovery codes: 80 random bits each, written as four groups of four Base32 letters and digits. Only a hash salted
/// with the user's id is stored; at 80 bits no dictionary of hashes can be built.
/// </summary>
public static class RecoveryCodes
{
    public const int Count = 10;
    private const int Length = 16;

    public static IReadOnlyList<string> New() =>
        [.. Enumerable.Range(0, Count).Select(_ => Format(Base32.Encode(RandomNumberGenerator.GetBytes(Length * 5 / 8)).ToLowerInvariant()))];

    /// <summary>Whether a normalized code (<see cref="OneTimeCode.Normalize"/>) has the shape of a recovery code.</summary>
    public static bool IsShaped(string code) => code.Length == Length && Base32.Decode(code) is not null;

    public static string Hash(string userId, string code) => Secrets.Hash($"{userId}:{OneTimeCode.Normalize(code)}");

    private static string Format(string code) => string.Join('-', code.Chunk(4).Select(c => new string(c)));
}
