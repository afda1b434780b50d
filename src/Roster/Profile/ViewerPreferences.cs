using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;

namespace Roster.Profile;

/// <summary>How a user wants instants shown: their IANA time zone and their date and time formats.</summary>
public sealed record DisplayPreferences(string? TimeZone, string? DateFormat, string? TimeFormat);

/// <summary>The acting user's display preferences; a token, or a user that is gone, has none.</summary>
public sealed class ViewerPreferences(RosterDbContext db)
{
    public Task<DisplayPreferences?> ForAsync(Actor actor, CancellationToken ct = default) =>
        actor.IsUser
            ? db.Users.AsNoTracking().Where(u => u.Id == actor.Id)
                .Select(u => new DisplayPreferences(u.TimeZone, u.DateFormat, u.TimeFormat)).SingleOrDefaultAsync(ct)
            : Task.FromResult<DisplayPreferences?>(null);
}
