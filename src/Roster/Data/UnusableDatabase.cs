using Microsoft.Data.Sqlite;
using Npgsql;

namespace Roster.Data;

/// <summary>
/// Tells a start that failed because the database cannot be used as configured (not reachable, a login or database the
/// server refuses, a SQLite file that cannot be opened) from one that failed for any other reason, and says the first
/// in a line an operator can act on. Other failures, a migration's error among them, keep their stack trace.
/// </summary>
public static class UnusableDatabase
{
    // Connection exceptions, invalid authorization, an unknown database, too many connections, a server starting up,
    // and a user without the privilege it needs (creating the database, or using its schema).
    private static readonly string[] ConfigurationStates = ["3D000", "53300", "57P03", "42501"];

    /// <summary>The refusal's text, or null when <paramref name="failure"/> is not the database's configuration.</summary>
    public static string? Describe(Exception failure, string? connectionString)
    {
        for (Exception? e = failure; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException server when server.SqlState.StartsWith("08", StringComparison.Ordinal)
                    || server.SqlState.StartsWith("28", StringComparison.Ordinal) || ConfigurationStates.Contains(server.SqlState):
                    return $"The database refused Roster ({server.SqlState}: {server.MessageText.TrimEnd('.')}). {PostgresHint(connectionString)}";
                case PostgresException:
                    return null;
                case NpgsqlException network:
                    var cause = network.InnerException is { } inner ? $" ({inner.Message.TrimEnd('.')})" : "";
                    return $"The database cannot be reached: {FirstLine(network.Message)}{cause}. {PostgresHint(connectionString)}";
                case SqliteException file when file.SqliteErrorCode is 8 or 14 or 26:
                    return $"The SQLite database cannot be used ({FirstLine(file.Message)}). Check that its file is a Roster database " +
                        "and that the file and its folder can be written by the user Roster runs as.";
            }
        }
        return null;
    }

    private static string PostgresHint(string? connectionString)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString ?? "");
        return $"Check ConnectionStrings:Roster (host {target.Host}, port {target.Port}, database {target.Database ?? target.Username}, " +
            $"user {target.Username}, and its password) and that the server is running and accepts that user.";
    }

    private static string FirstLine(string message) => message.Split('\n')[0].TrimEnd('.', '\r');
}
