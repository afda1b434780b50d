using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Users;

namespace Roster.Web.Pages.Shared;

/// <summary>Shows instants as the viewer chose in their profile: their IANA time zone, date and time formats.</summary>
public sealed class ViewerClock(TimeZoneInfo zone, string dateFormat, string timeFormat)
{
    public const string Empty = "—";

    public static ViewerClock Utc { get; } = new(TimeZoneInfo.Utc, "MM/dd/yyyy", "h:mm tt");

    public TimeZoneInfo Zone => zone;

    public static async Task<ViewerClock> ForAsync(RosterDbContext db, Actor actor, CancellationToken ct)
    {
        if (!actor.IsUser) return Utc;
        var user = await db.Users.AsNoTracking().Where(u => u.Id == actor.Id)
            .Select(u => new { u.TimeZone, u.DateFormat, u.TimeFormat }).SingleOrDefaultAsync(ct);
        if (user is null) return Utc;
        var found = TimeZoneInfo.TryFindSystemTimeZoneById(user.TimeZone ?? "UTC", out var tz);
        return new ViewerClock(found ? tz! : TimeZoneInfo.Utc, Usable(user.DateFormat, "MM/dd/yyyy"), Usable(user.TimeFormat, "h:mm tt"));
    }

    public string Format(DateTimeOffset? at) =>
        at is { } value ? TimeZoneInfo.ConvertTime(value, zone).ToString($"{dateFormat} {timeFormat}", CultureInfo.InvariantCulture) : Empty;

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
