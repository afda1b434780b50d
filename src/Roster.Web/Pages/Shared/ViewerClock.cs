using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Html;
using Roster.Common;
using Roster.Profile;
using Roster.Web.Auth;

namespace Roster.Web.Pages.Shared;

/// <summary>
/// Shows instants as the viewer chose in their profile: their IANA time zone, date and time formats. Every date the
/// portal prints goes through here, so a change in the profile shows on every page.
/// </summary>
public sealed class ViewerClock(TimeZoneInfo zone, string dateFormat, string timeFormat)
{
    public const string Empty = "—";

    public static ViewerClock Utc { get; } = new(TimeZoneInfo.Utc, "MM/dd/yyyy", "h:mm tt");

    public TimeZoneInfo Zone => zone;

    /// <summary>The clock of the request's user, or UTC for anyone else.</summary>
    public static async Task<ViewerClock> ForAsync(HttpContext context)
    {
        var actor = context.ActorOrNull();
        if (actor is null) return Utc;
        var user = await context.RequestServices.GetRequiredService<ViewerPreferences>().ForAsync(actor, context.RequestAborted);
        if (user is null) return Utc;
        var found = TimeZoneInfo.TryFindSystemTimeZoneById(user.TimeZone ?? "UTC", out var tz);
        return new ViewerClock(found ? tz! : TimeZoneInfo.Utc, Usable(user.DateFormat, "MM/dd/yyyy"), Usable(user.TimeFormat, "h:mm tt"));
    }

    public string Format(DateTimeOffset? at) =>
        at is { } value ? TimeZoneInfo.ConvertTime(value, zone).ToString($"{dateFormat} {timeFormat}", CultureInfo.InvariantCulture) : Empty;

    /// <summary>The offset from UTC in the viewer's zone at that instant, e.g. "UTC+01:00".</summary>
    public string Offset(DateTimeOffset at) => ProfileChoices.OffsetName(zone.GetUtcOffset(at));

    /// <summary>The zone and its offset at that instant: "Europe/Berlin (UTC+01:00)".</summary>
    public string ZoneLabel(DateTimeOffset at) => zone.Id == "UTC" ? "UTC" : $"{zone.Id} ({Offset(at)})";

    /// <summary>
    /// A &lt;time&gt; element: the formatted text, the exact instant for machines and, on hover, the zone and offset
    /// it was shown in.
    /// </summary>
    public IHtmlContent Html(DateTimeOffset? at)
    {
        if (at is not { } value) return new HtmlString(Empty);
        var instant = value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return new HtmlString(
            $"<time datetime=\"{instant}\" title=\"{WebUtility.HtmlEncode(ZoneLabel(value))}\">{WebUtility.HtmlEncode(Format(value))}</time>");
    }

    // A format saved by another client may not be one .NET reads; the page must still render.
    private static string Usable(string? format, string fallback)
    {
        if (string.IsNullOrWhiteSpace(format)) return fallback;
        try
        {
            _ = DateTimeOffset.UnixEpoch.ToString(format, CultureInfo.InvariantCulture);
            return format;
        }
        catch (FormatException)
        {
            return fallback;
        }
    }
}
