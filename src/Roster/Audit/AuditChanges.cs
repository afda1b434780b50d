using System.Text.Encodings.Web;
using System.Text.Json;

namespace Roster.Audit;

/// <summary>
/// An entry's changes as JSON people can read. The default encoder writes every non-ASCII letter and characters
/// such as + and ' as \uXXXX, so a group named 経理 read as \u7D4C\u7406 in the portal and the CSV. The relaxed
/// encoder is safe here: the portal HTML-encodes what it shows, and a CSV is not HTML.
/// </summary>
public static class AuditChanges
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize(object changes) => JsonSerializer.Serialize(changes, Relaxed);

    public static string Readable(JsonElement element) => JsonSerializer.Serialize(element, Relaxed);

    /// <summary>Stored changes written again with the relaxed encoder, so entries stored escaped read like new ones.</summary>
    public static string? Readable(string? stored)
    {
        if (stored is null) return null;
        try
        {
            using var json = JsonDocument.Parse(stored);
            return Readable(json.RootElement);
        }
        catch (JsonException)
        {
            return stored;
        }
    }
}
