using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Roster.Audit;

namespace Roster.Web.Pages.Settings.Audit;

/// <summary>
/// The Audit Trail as its query string describes it. <see cref="ApiQuery"/> is the one RQL query behind both the page
/// and its CSV export, so the download holds exactly the rows the filters show. Unreadable choices fall back to none;
/// an unreadable date is kept as typed, so the page can say so instead of listing entries that ignore it.
/// </summary>
public sealed partial record AuditTrailState(
    DateOnly? From, DateOnly? To, string? Actor, int? Action, string? ObjectType, string? ObjectId, string? Search,
    bool Ascending, int Rows, int Page)
{
    public const string Path = "/settings/audit";
    public const int SearchMaxLength = 200;
    public static IReadOnlyList<int> RowChoices { get; } = [10, 25, 50, 100];
    public static IReadOnlyList<string> ObjectTypes { get; } = ["account", "user", "group", "token", "partner", "session", "email"];
    public static AuditTrailState Default { get; } = new(null, null, null, null, null, null, null, false, 10, 1);

    /// <summary>What was typed in From when it is not a date, shown back in the form; otherwise null.</summary>
    public string? FromTyped { get; init; }

    /// <summary>What was typed in To when it is not a date; otherwise null.</summary>
    public string? ToTyped { get; init; }

    public int Offset => (Page - 1) * Rows;
    public bool Filtered => this with { Ascending = false, Rows = 10, Page = 1 } != Default;

    /// <summary>No filters, keeping the sort and page size.</summary>
    public AuditTrailState Cleared => Default with { Ascending = Ascending, Rows = Rows };

    // Ids go into RQL values unquoted, so only the characters Roster's ids use are taken.
    [GeneratedRegex("^[A-Za-z0-9_.@:-]{1,64}$")]
    private static partial Regex IdPattern();

    // Roster's own ids (UR-123-456-789, PA-123-456) are upper case; typed in lower case they would match nothing.
    // Other ids keep their case: "system", "anonymous", the email address of a password reset.
    [GeneratedRegex("^[A-Za-z]{2}(-[0-9]{3}){2,4}$")]
    private static partial Regex RosterIdPattern();

    public static AuditTrailState Read(IQueryCollection query)
    {
        var rows = int.TryParse(query["rows"], NumberStyles.None, CultureInfo.InvariantCulture, out var r) && RowChoices.Contains(r) ? r : Default.Rows;
        var page = int.TryParse(query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is >= 1 and <= 1_000_000 ? p : 1;
        var action = int.TryParse(query["action"], NumberStyles.None, CultureInfo.InvariantCulture, out var a) && Enum.IsDefined((AuditAction)a) ? a : (int?)null;
        var type = query["object_type"].ToString();
        var search = query["search"].ToString().Trim();
        var (from, fromTyped) = Date(query["from"]);
        var (to, toTyped) = Date(query["to"]);
        return new AuditTrailState(
            from, to, Id(query["actor"]), action,
            ObjectTypes.Contains(type) ? type : null, Id(query["object_id"]),
            search.Length == 0 ? null : search[..Math.Min(search.Length, SearchMaxLength)],
            query["sort"] == "at", rows, page) { FromTyped = fromTyped, ToTyped = toTyped };
    }

    /// <summary>Why the dates cannot be used, or null when they can. <paramref name="today"/> is the example.</summary>
    public string? DateProblem(DateOnly today) =>
        FromTyped is not null || ToTyped is not null
            ? $"Enter dates as year-month-day, e.g. {today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}."
            : From > To ? "From must be on or before To." : null;

    /// <summary>The filters and ordering as the API's RQL, without paging. Days are whole days in the viewer's zone.</summary>
    public string ApiQuery(TimeZoneInfo zone)
    {
        var parts = new List<string>();
        if (From is { } from) parts.Add($"ge(at,{Instant(from, zone)})");
        if (To is { } to) parts.Add($"lt(at,{Instant(to.AddDays(1), zone)})");
        if (Actor is not null) parts.Add($"eq(actor.id,{Actor})");
        if (Action is { } action) parts.Add($"eq(action,{action.ToString(CultureInfo.InvariantCulture)})");
        if (ObjectType is not null) parts.Add($"eq(object.type,{ObjectType})");
        if (ObjectId is not null) parts.Add($"eq(object.id,{ObjectId})");
        if (Search is not null) parts.Add("search=" + Uri.EscapeDataString(Search));
        parts.Add(Ascending ? "ordering(at,id)" : "ordering(-at,-id)");
        return string.Join('&', parts);
    }

    public string Href(string? handler = null)
    {
        var query = new List<KeyValuePair<string, string?>>();
        if (handler is not null) query.Add(new("handler", handler));
        foreach (var (key, value) in Parameters()) query.Add(new(key, value));
        return QueryHelpers.AddQueryString(Path, query);
    }

    public IEnumerable<(string Key, string Value)> Parameters(params string[] except)
    {
        IEnumerable<(string, string?)> all =
        [
            ("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? FromTyped),
            ("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? ToTyped),
            ("actor", Actor),
            ("action", Action?.ToString(CultureInfo.InvariantCulture)),
            ("object_type", ObjectType),
            ("object_id", ObjectId),
            ("search", Search),
            ("sort", Ascending ? "at" : null),
            ("rows", Rows != Default.Rows ? Rows.ToString(CultureInfo.InvariantCulture) : null),
            ("page", Page != 1 ? Page.ToString(CultureInfo.InvariantCulture) : null),
        ];
        foreach (var (key, value) in all)
            if (value is not null && !except.Contains(key)) yield return (key, value);
    }

    /// <summary>The day, or what was typed when it is not one (clipped: it is only shown back).</summary>
    private static (DateOnly? Day, string? Typed) Date(string? text)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text)) return (null, null);
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d.Year is >= 2000 and <= 9000
            ? (d, null)
            : (null, text[..Math.Min(text.Length, 32)]);
    }

    private static string? Id(string? text)
    {
        var id = text?.Trim();
        if (id is null || !IdPattern().IsMatch(id)) return null;
        return RosterIdPattern().IsMatch(id) ? id.ToUpperInvariant() : id;
    }

    /// <summary>Midnight of <paramref name="day"/> in the viewer's zone, as a UTC instant.</summary>
    private static string Instant(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        var utc = TimeZoneInfo.ConvertTimeToUtc(zone.IsInvalidTime(local) ? local.AddHours(1) : local, zone);
        return utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }
}
