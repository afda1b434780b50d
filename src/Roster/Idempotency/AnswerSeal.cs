using System.Security.Cryptography;
using System.Text;

namespace Roster.Idempotency;

/// <summary>
/// Seals a stored answer with AES-GCM under a key derived (HKDF-SHA256) from the Idempotency-Key and its caller, so
/// only a request carrying that key can open it again, and any change to the stored bytes is detected.
/// </summary>
internal static class AnswerSeal
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] Purpose = Encoding.UTF8.GetBytes("Roster idempotent answer v1");

    public static byte[] Close(string key, string actorId, byte[] answer)
    {
        var sealedAnswer = new byte[NonceSize + TagSize + answer.Length];
        var nonce = sealedAnswer.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(KeyOf(key, actorId), TagSize);
        aes.Encrypt(nonce, answer, sealedAnswer.AsSpan(NonceSize + TagSize), sealedAnswer.AsSpan(NonceSize, TagSize));
        return sealedAnswer;
    }

    public static byte[] Open(string key, string actorId, byte[] sealedAnswer)
    {
        var answer = new byte[sealedAnswer.Length - NonceSize - TagSize];
        using var aes = new AesGcm(KeyOf(key, actorId), TagSize);
        aes.Decrypt(sealedAnswer.AsSpan(0, NonceSize), sealedAnswer.AsSpan(NonceSize + TagSize), sealedAnswer.AsSpan(NonceSize, TagSize), answer);
        return answer;
    }

    private static byte[] KeyOf(string key, string actorId) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(key), 32, Encoding.UTF8.GetBytes(actorId), Purpose);
}
