using Microsoft.EntityFrameworkCore;
using Roster.Data;

namespace Roster.Security;

/// <summary>
/// Takes and gives back attempts atomically in the database, so that any number of requests on any number of nodes
/// never take more than the limit in a window: a user's attempts (<see cref="AttemptCounter"/>) and an address's
/// (<see cref="AddressWindow"/>).
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
        this RosterDbContext db, string userId, string scope, int limit, TimeSpan window, DateTimeOffset now, CancellationToken ct) =>
        await TakeAttemptAsync(db, userId, scope, limit, window, now, ct) is not null;

    /// <summary>
    /// Takes one attempt as <see cref="TryTakeAttemptAsync"/> does and says which it was, 1 to <paramref name="limit"/>,
    /// or null once the limit is reached. The counter hands out each number once per window, so of any number of
    /// concurrent requests exactly one holds the last attempt, unless a success gave one back in between.
    /// </summary>
    public static Task<int?> TakeAttemptAsync(
        this RosterDbContext db, string userId, string scope, int limit, TimeSpan window, DateTimeOffset now, CancellationToken ct) =>
        TakeAsync(db, "attempt_counters", ["UserId", "Scope"], [userId, scope], limit, window, now, ct);

    /// <summary>Takes one of an address's attempts of a kind (<paramref name="key"/>), as <see cref="TryTakeAttemptAsync"/> does.</summary>
    public static async Task<bool> TryTakeAddressAttemptAsync(
        this RosterDbContext db, string key, int limit, TimeSpan window, DateTimeOffset now, CancellationToken ct) =>
        await TakeAddressAttemptAsync(db, key, limit, window, now, ct) is not null;

    /// <summary>Takes one of the attempts counted under <paramref name="key"/>, as <see cref="TakeAttemptAsync"/> does.</summary>
    public static Task<int?> TakeAddressAttemptAsync(
        this RosterDbContext db, string key, int limit, TimeSpan window, DateTimeOffset now, CancellationToken ct) =>
        TakeAsync(db, "address_windows", ["Key"], [key], limit, window, now, ct);

    /// <summary>When the user's window of <paramref name="scope"/> ends, if one is running.</summary>
    public static Task<DateTimeOffset?> AttemptWindowEndAsync(this RosterDbContext db, string userId, string scope, CancellationToken ct) =>
        db.AttemptCounters.Where(c => c.UserId == userId && c.Scope == scope).Select(c => (DateTimeOffset?)c.WindowEndsAt).SingleOrDefaultAsync(ct);

    /// <summary>Gives back an attempt that turned out not to be a failure.</summary>
    public static Task GiveBackAttemptAsync(this RosterDbContext db, string userId, string scope, CancellationToken ct) =>
        db.AttemptCounters.Where(c => c.UserId == userId && c.Scope == scope && c.Attempts > 0)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.Attempts, x => x.Attempts - 1), ct);

    /// <summary>When the address's current window of <paramref name="key"/> ends, if one is running.</summary>
    public static Task<DateTimeOffset?> AddressWindowEndAsync(this RosterDbContext db, string key, CancellationToken ct) =>
        db.AddressWindows.Where(w => w.Key == key).Select(w => (DateTimeOffset?)w.WindowEndsAt).SingleOrDefaultAsync(ct);

    // Both databases take the row lock for the conflict's update and evaluate its WHERE against the newest row, so
    // concurrent takers queue on the row and the last of the limit shuts out the rest. The table and columns are
    // Roster's own constants; every value is a parameter.
    private static async Task<int?> TakeAsync(
        RosterDbContext db, string table, string[] keyColumns, object[] keys, int limit, TimeSpan window, DateTimeOffset now, CancellationToken ct)
    {
        static string Parameter(int index) => "{" + index + "}";
        var columns = string.Join(", ", keyColumns.Select(c => $"\"{c}\""));
        var keyParameters = string.Join(", ", keys.Select((_, i) => Parameter(i)));
        string at = Parameter(keys.Length), end = Parameter(keys.Length + 1), max = Parameter(keys.Length + 2);
        var sql = $"""
            INSERT INTO {table} ({columns}, "Attempts", "WindowEndsAt") VALUES ({keyParameters}, 1, {end})
            ON CONFLICT ({columns}) DO UPDATE SET
                "Attempts" = CASE WHEN {table}."WindowEndsAt" <= {at} THEN 1 ELSE {table}."Attempts" + 1 END,
                "WindowEndsAt" = CASE WHEN {table}."WindowEndsAt" <= {at} OR {table}."Attempts" + 1 >= {max}
                    THEN {end} ELSE {table}."WindowEndsAt" END
            WHERE {table}."WindowEndsAt" <= {at} OR {table}."Attempts" < {max}
            RETURNING "Attempts" AS "Value"
            """;
        object[] parameters = [.. keys, Stamp(db, now), Stamp(db, now + window), limit];
        var taken = await db.Database.SqlQueryRaw<int>(sql, parameters).ToListAsync(ct);
        return taken.Count == 1 ? taken[0] : null;
    }

    /// <summary>SQLite keeps times as UTC ticks (see <see cref="SqliteRosterDbContext"/>); PostgreSQL as timestamptz.</summary>
    private static object Stamp(RosterDbContext db, DateTimeOffset at) =>
        db.Provider == DatabaseProvider.Sqlite ? at.UtcTicks : at.ToUniversalTime();
}
