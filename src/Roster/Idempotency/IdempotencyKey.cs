using System.Security.Cryptography;
using System.Text;
using Roster.Common;

namespace Roster.Idempotency;

/// <summary>
/// A creating request made with an Idempotency-Key, and the answer it got (ADR 0010). Neither the key nor the answer
/// is kept as sent: the key as its hash, the answer sealed with a key derived from it, so a copy of the database
/// alone cannot read the answers (a new token's secret among them). Only the caller that holds the key can.
/// </summary>
public class IdempotencyKey
{
    public const int ActorIdMaxLength = 24;
    public const int HashLength = 64;
    public const int ContentTypeMaxLength = 128;
    public const int MinLength = 16;
    public const int MaxLength = 255;

    /// <summary>How long a key holds its answer; sent again later, it is a new request.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    public static readonly Error Invalid = new("idempotency.key_invalid",
        $"An Idempotency-Key is {MinLength} to {MaxLength} visible ASCII characters without spaces; a random UUID is a good one.",
        Field: "Idempotency-Key");

    public static readonly Error Reused = new("idempotency.key_reused",
        "This Idempotency-Key was sent with a different request (another endpoint or body) in the last 24 hours. " +
        "Send a new key with a new request.", ErrorKind.Unprocessable, Field: "Idempotency-Key");

    public required string ActorId { get; init; }
    public required string KeyHash { get; init; }
    public required string Fingerprint { get; init; }
    public int Status { get; set; }
    public string? ContentType { get; set; }
    public byte[] Answer { get; set; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }

    public static bool IsValid(string? key) =>
        key is { Length: >= MinLength and <= MaxLength } && key.All(c => c is > ' ' and <= '~');

    /// <summary>What makes two requests the same request: the method, the target (path and query) and the body, byte for byte.</summary>
    public static string FingerprintOf(string method, string target, ReadOnlySpan<byte> body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{method.ToUpperInvariant()} {target}\n"));
        hash.AppendData(body);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}

/// <summary>An answer as it went out: its status, media type and body.</summary>
public sealed record StoredAnswer(int Status, string? ContentType, byte[] Body);
