using System.Collections.Concurrent;
using System.Globalization;

namespace Roster.Querying;

/// <summary>Turns value text into the typed value of a field: the only place that knows the value grammar per type.</summary>
internal static class RqlValues
{
    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, object>> EnumSpellings = new();

    public static bool IsSupported(Type type)
    {
        var t = Underlying(type);
        return t == typeof(string) || t == typeof(bool) || t == typeof(int) || t == typeof(long)
               || t == typeof(DateTimeOffset) || t == typeof(Guid) || t.IsEnum;
    }

    public static bool IsOrdered(Type type) => Underlying(type) is var t && (t == typeof(int) || t == typeof(long) || t == typeof(DateTimeOffset));

    public static Type Underlying(Type type) => Nullable.GetUnderlyingType(type) ?? type;

    public static bool TryParse(Type type, string text, out object? value)
    {
        var t = Underlying(type);
        value = null;
        if (t == typeof(string)) value = text;
        else if (t == typeof(bool)) value = text.Equals("true", StringComparison.OrdinalIgnoreCase) ? true : text.Equals("false", StringComparison.OrdinalIgnoreCase) ? false : null;
        else if (t == typeof(int)) value = int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) ? i : null;
        else if (t == typeof(long)) value = long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? l : null;
        else if (t == typeof(Guid)) value = Guid.TryParse(text, out var g) ? g : null;
        else if (t == typeof(DateTimeOffset)) value = TryParseDate(text);
        else if (t.IsEnum) value = Spellings(t).GetValueOrDefault(text);
        return value is not null;
    }

    /// <summary>What a value for the type must look like, for the error message.</summary>
    public static string Expected(Type type)
    {
        var t = Underlying(type);
        if (t == typeof(bool)) return "true or false";
        if (t == typeof(int) || t == typeof(long)) return "a whole number";
        if (t == typeof(Guid)) return "a UUID";
        if (t == typeof(DateTimeOffset)) return "an ISO 8601 date or date-time such as 2024-05-01T10:00:00Z";
        if (t.IsEnum) return $"one of {string.Join(", ", Spellings(t).Keys)}";
        return "text";
    }

    /// <summary>The API spelling of each member, <c>MembershipStatus.Active</c> = "active", as Roster stores them.</summary>
    public static IReadOnlyDictionary<string, object> Spellings(Type enumType) =>
        EnumSpellings.GetOrAdd(enumType, t => Enum.GetValues(t).Cast<object>()
            .DistinctBy(v => v.ToString()!.ToLowerInvariant())
            .ToDictionary(v => v.ToString()!.ToLowerInvariant(), v => v, StringComparer.Ordinal));

    // Npgsql only writes UTC offsets to timestamptz, and SQLite stores UTC ticks, so every date becomes UTC here.
    private static DateTimeOffset? TryParseDate(string text) =>
        DateTimeOffset.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)
            ? d.ToUniversalTime()
            : null;
}
