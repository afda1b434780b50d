using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Roster.Data;

/// <summary>
/// The one place that reads an exception as "the database cannot be reached" (see ADR 0010). Everything else that
/// escapes a request is a bug or a failure Roster cannot name, and is answered as such.
/// </summary>
public static class DatabaseFailures
{
    // SQLite's primary result codes: another connection holds the write lock past the busy timeout; the file cannot be opened.
    private const int SqliteBusy = 5;
    private const int SqliteCantOpen = 14;

    /// <summary>
    /// PostgreSQL: a connection that cannot be opened, breaks or times out (Npgsql's network and timeout failures,
    /// pool exhaustion included), SQLSTATE class 08 (connection exception), 57P01 to 57P03 (the server shutting down,
    /// crashed or starting up) and 53300 (no connection slot left). SQLite: busy and cannot-open. Wrappers (EF Core's
    /// DbUpdateException, the execution strategy's InvalidOperationException) are looked through.
    /// </summary>
    public static bool IsUnreachable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (IsUnreachableItself(e)) return true;
        return false;
    }

    private static bool IsUnreachableItself(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
            || postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
                or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections,
        // Raised by Npgsql itself, not by the server: transient means the socket or a timeout failed.
        NpgsqlException npgsql => npgsql.IsTransient,
        SqliteException sqlite => sqlite.SqliteErrorCode is SqliteBusy or SqliteCantOpen,
        _ => false,
    };

    /// <summary>
    /// Drops the idle pooled connections of <paramref name="db"/>'s database: after an outage they are all dead, and
    /// each would otherwise fail one more request once the database is back.
    /// </summary>
    public static void ForgetConnections(RosterDbContext db)
    {
        switch (db.Database.GetDbConnection())
        {
            case NpgsqlConnection postgres:
                NpgsqlConnection.ClearPool(postgres);
                break;
            case SqliteConnection sqlite:
                SqliteConnection.ClearPool(sqlite);
                break;
        }
    }
}
