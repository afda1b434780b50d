using Microsoft.EntityFrameworkCore;
using Roster.Data;

namespace Roster.Security;

/// <summary>
/// Takes and gives back attempts atomically in the database, so that any number of requests on any number of nodes
/// never take more than the limit in a window.
/// </summary>
public static class AttemptCounters
{
    /// <summary>
    /// Takes one attempt, in one statement: true while fewer than <paramref name="limit"/> are taken in the current
    /// window (a window starts with its first attempt and lasts <paramref name="window"/>), false once the limit is
    /// reached. Taking the last attempt moves the end of the window to <paramref name="window"/> from now, so the
    /// lockout lasts a whole window. An attempt that is never given back, because its request died, simply counts.
    /// </summary>
    public static async Task<bool> TryTakeAttemptAsync(
        this RosterDbContext db, string userId, string scope, int limit, TimeSpan window, DateTimeOffset now, CancellationToken ct)
    {
        var nowValue = Stamp(db, now);
        var endValue = Stamp(db, now + window);
        // Both databases take the row lock for the conflict's update and evaluate its WHERE against the newest row,
        // so concurrent takers queue on the row and the last of the limit shuts out the rest.
        var taken = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO attempt_counters ("UserId", "Scope", "Attempts", "WindowEndsAt") VALUES ({userId}, {scope}, 1, {endValue})
            ON CONFLICT ("UserId", "Scope") DO UPDATE SET
                "Attempts" = CASE WHEN attempt_counters."WindowEndsAt" <= {nowValue} THEN 1 ELSE attempt_counters."Attempts" + 1 END,
                "WindowEndsAt" = CASE WHEN attempt_counters."WindowEndsAt" <= {nowValue} OR attempt_counters."Attempts" + 1 >= {limit}
                    THEN {endValue} ELSE attempt_counters."WindowEndsAt" END
            WHERE attempt_counters."WindowEndsAt" <= {nowValue} OR attempt_counters."Attempts" < {limit}
            """, ct);
        return taken == 1;
    }

    /// <summary>Gives back an attempt that turned out not to be a failure.</summary>
    public static Task GiveBackAttemptAsync(this RosterDbContext db, string userId, string scope, CancellationToken ct) =>
        db.AttemptCounters.Where(c => c.UserId == userId && c.Scope == scope && c.Attempts > 0)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.Attempts, x => x.Attempts - 1), ct);

    /// <summary>SQLite keeps times as UTC ticks (see <see cref="SqliteRosterDbContext"/>); PostgreSQL as timestamptz.</summary>
    private static object Stamp(RosterDbContext db, DateTimeOffset at) =>
        db.Provider == DatabaseProvider.Sqlite ? at.UtcTicks : at.ToUniversalTime();
}
