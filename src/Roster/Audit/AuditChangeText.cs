using System.Collections.Frozen;
using System.Text.Json;
using System.Text.RegularExpressions;
using Roster.Modules;

namespace Roster.Audit;

/// <summary>
/// An entry's changes as a line people read: "Name: Support → Customer Care; Groups: added Billing". Field names are
/// spelled out, nested fields read as one ("Two-factor policy"), lists in a before and after read as what was added
/// and removed, and ids read as the names the account knows them by. The API keeps the stored JSON.
/// </summary>
public static partial class AuditChangeText
{
    private static readonly FrozenDictionary<string, string> Labels = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["mfa"] = "Two-factor",
        ["idp"] = "Identity provider",
        ["identity_provider"] = "Identity provider",
        ["external_id"] = "External ID",
        ["by_account"] = "By account",
        ["ip"] = "IP",
        ["url"] = "URL",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The ids an entry mentions, to look their names up before rendering.</summary>
    public static IEnumerable<string> Ids(string? changes) =>
        changes is null ? [] : IdPattern().Matches(changes).Select(m => m.Value);

    public static string Of(string? changes, IReadOnlyDictionary<string, string> names)
    {
        if (string.IsNullOrEmpty(changes)) return "";
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(changes);
        }
        catch (JsonException)
        {
            return changes;
        }
        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return Value(root, names);
            var parts = new List<string>();
            if (root.TryGetProperty("before", out var before) && root.TryGetProperty("after", out var after))
                FieldDifferences("", before, after, names, parts);
            foreach (var field in root.EnumerateObject().Where(f => f.Name is not ("before" or "after")))
            {
                if (IsBeforeAfter(field.Value))
                    Difference(Label("", field.Name), field.Value.GetProperty("before"), field.Value.GetProperty("after"), names, parts);
                else
                    parts.Add($"{Label("", field.Name)}: {Value(field.Value, names)}");
            }
            return string.Join("; ", parts);
        }
    }

    /// <summary>What changed between two values, each field that differs on its own, objects field by field.</summary>
    private static void Difference(string label, JsonElement before, JsonElement after, IReadOnlyDictionary<string, string> names, List<string> parts)
    {
        if (before.ValueKind == JsonValueKind.Object && after.ValueKind == JsonValueKind.Object && !IsNamed(before) && !IsNamed(after))
        {
            FieldDifferences(label, before, after, names, parts);
            return;
        }
        if (before.ValueKind == JsonValueKind.Array && after.ValueKind == JsonValueKind.Array)
        {
            var old = before.EnumerateArray().Select(e => Value(e, names)).ToList();
            var now = after.EnumerateArray().Select(e => Value(e, names)).ToList();
            var added = now.Except(old).ToList();
            var removed = old.Except(now).ToList();
            var said = new List<string>();
            if (added.Count > 0) said.Add("added " + string.Join(", ", added));
            if (removed.Count > 0) said.Add("removed " + string.Join(", ", removed));
            parts.Add($"{label}: {(said.Count == 0 ? "reordered" : string.Join("; ", said))}");
            return;
        }
        parts.Add($"{label}: {Value(before, names)} → {Value(after, names)}");
    }

    private static void FieldDifferences(string label, JsonElement before, JsonElement after, IReadOnlyDictionary<string, string> names, List<string> parts)
    {
        var fields = (before.ValueKind == JsonValueKind.Object ? before.EnumerateObject().Select(f => f.Name) : [])
            .Concat(after.ValueKind == JsonValueKind.Object ? after.EnumerateObject().Select(f => f.Name) : []).Distinct(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            var old = before.ValueKind == JsonValueKind.Object && before.TryGetProperty(field, out var o) ? o : default;
            var now = after.ValueKind == JsonValueKind.Object && after.TryGetProperty(field, out var n) ? n : default;
            if (!SameJson(old, now)) Difference(Label(label, field), old, now, names, parts);
        }
    }

    private static string Value(JsonElement value, IReadOnlyDictionary<string, string> names) => value.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => "none",
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        JsonValueKind.String => Name(value.GetString()!, names),
        JsonValueKind.Array => value.GetArrayLength() == 0 ? "none" : string.Join(", ", value.EnumerateArray().Select(e => Value(e, names))),
        JsonValueKind.Object when IsBeforeAfter(value) => $"{Value(value.GetProperty("before"), names)} → {Value(value.GetProperty("after"), names)}",
        JsonValueKind.Object when IsNamed(value) => Named(value, names),
        JsonValueKind.Object => string.Join(", ", value.EnumerateObject().Select(f => $"{Label("", f.Name).ToLowerInvariant()} {Value(f.Value, names)}")),
        _ => value.GetRawText(),
    };

    /// <summary>A thing recorded with its name (a user, a provider): the name it had then, or else its email or id.</summary>
    private static string Named(JsonElement value, IReadOnlyDictionary<string, string> names)
    {
        foreach (var field in (string[])["name", "email"])
            if (value.TryGetProperty(field, out var text) && text.ValueKind == JsonValueKind.String && text.GetString() is { Length: > 0 } found)
                return found;
        return value.TryGetProperty("id", out var id) ? Value(id, names) : "";
    }

    private static string Name(string text, IReadOnlyDictionary<string, string> names) =>
        names.TryGetValue(text, out var name) ? name
        : ModuleCatalog.All.FirstOrDefault(m => m.Id == text) is { } module ? module.Name
        : text;

    private static bool IsNamed(JsonElement value) =>
        value.ValueKind == JsonValueKind.Object && (value.TryGetProperty("id", out _) || value.TryGetProperty("name", out _));

    private static bool IsBeforeAfter(JsonElement value) =>
        value.ValueKind == JsonValueKind.Object && value.TryGetProperty("before", out _) && value.TryGetProperty("after", out _);

    private static bool SameJson(JsonElement a, JsonElement b) =>
        (a.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null && b.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        || (a.ValueKind != JsonValueKind.Undefined && b.ValueKind != JsonValueKind.Undefined && a.GetRawText() == b.GetRawText());

    /// <summary>"mfa" under nothing is "Two-factor"; "policy" under "Two-factor" is "Two-factor policy".</summary>
    private static string Label(string parent, string field)
    {
        var own = Labels.TryGetValue(field, out var known) ? known : field.Replace('_', ' ');
        if (parent.Length > 0) return $"{parent} {(known is null ? own : own.ToLowerInvariant())}";
        return char.ToUpperInvariant(own[0]) + own[1..];
    }

    [GeneratedRegex(@"\b[A-Z]{2}-\d{3}(-\d{3}){1,3}\b")]
    private static partial Regex IdPattern();
}
