using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Roster.Data;

/// <summary>
/// The one place that reads a database error as a race for a unique key. Nothing else is: other failures of a save
/// are bugs or outages and must surface as such.
/// </summary>
public static class UniqueKeys
{
    // SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY, extended codes of SQLITE_CONSTRAINT (19).
    private const int SqliteUnique = 2067;
    private const int SqlitePrimaryKey = 1555;

    public static bool IsViolation(DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is SqliteUnique or SqlitePrimaryKey,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>
    /// Runs <paramref name="work"/>, and once more when a concurrent writer took a unique key first: the second run
    /// reads the row that writer committed and answers as the second of two requests sent one after the other would.
    /// Only for work whose races cross account locks (the email of a user is unique across accounts).
    /// </summary>
    public static async Task<T> RetryOnceAsync<T>(RosterDbContext db, Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (DbUpdateException exception) when (IsViolation(exception))
        {
            db.ChangeTracker.Clear();
            return await work();
        }
    }
}
