using System.Globalization;

namespace Roster.Profile;

/// <summary>
/// The settings a user picks from in their profile: IANA time zones known to this system, and small fixed sets of
/// date formats, time formats and locales. Anything else is refused, so every page can render what is stored.
/// </summary>
public static class ProfileChoices
{
    public sealed record Choice(string Value, string Label);

    public const string ExampleTimeZone = "Europe/Berlin";

    public static IReadOnlyList<Choice> DateFormats { get; } =
    [
        new("MM/dd/yyyy", "Month/day/year"),
        new("dd/MM/yyyy", "Day/month/year"),
        new("yyyy-MM-dd", "Year-month-day (ISO 8601)"),
        new("dd.MM.yyyy", "Day.month.year"),
    ];

    public static IReadOnlyList<Choice> TimeFormats { get; } =
    [
        new("h:mm tt", "12-hour"),
        new("HH:mm", "24-hour"),
    ];

    /// <summary>Connect's <c>region</c> spelling (language_COUNTRY).</summary>
    public static IReadOnlyList<Choice> Locales { get; } =
    [
        new("en_US", "English (United States)"),
        new("en_GB", "English (United Kingdom)"),
        new("de_DE", "Deutsch (Deutschland)"),
        new("es_ES", "Español (España)"),
        new("fr_FR", "Français (France)"),
        new("it_IT", "Italiano (Italia)"),
        new("nl_NL", "Nederlands (Nederland)"),
        new("pt_BR", "Português (Brasil)"),
    ];

    // The canonical zones .NET reads from the system's tz database; aliases and non-zones such as "posixrules",
    // which TimeZoneInfo would also resolve, are left out so that what is stored is always a plain IANA name.
    private static readonly Lazy<IReadOnlyList<TimeZoneInfo>> Zones = new(() =>
    [
        .. TimeZoneInfo.GetSystemTimeZones().Where(z => z.HasIanaId)
            .Append(TimeZoneInfo.Utc).DistinctBy(z => z.Id)
            .OrderBy(z => z.Id == "UTC" ? 0 : 1).ThenBy(z => z.Id, StringComparer.Ordinal),
    ]);

    private static readonly Lazy<HashSet<string>> ZoneIds = new(() => Zones.Value.Select(z => z.Id).ToHashSet(StringComparer.Ordinal));

    public static IReadOnlyList<TimeZoneInfo> TimeZones => Zones.Value;

    public static bool IsTimeZone(string? id) => id is not null && ZoneIds.Value.Contains(id);

    public static bool IsDateFormat(string? format) => DateFormats.Any(f => f.Value == format);

    public static bool IsTimeFormat(string? format) => TimeFormats.Any(f => f.Value == format);

    public static bool IsLocale(string? locale) => Locales.Any(l => l.Value == locale);

    /// <summary>"UTC+01:00", or "UTC" when there is no offset: how Roster names an offset everywhere.</summary>
    public static string OffsetName(TimeSpan offset) =>
        offset == TimeSpan.Zero ? "UTC" : "UTC" + (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture);

    /// <summary>An instant as the format shows it, for the examples next to each choice.</summary>
    public static string Example(string format, DateTimeOffset at) => at.ToString(format, CultureInfo.InvariantCulture);
}
