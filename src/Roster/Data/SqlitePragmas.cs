using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Roster.Data;

/// <summary>
/// Per-connection SQLite settings. WAL lets readers run beside the writer; synchronous=FULL makes every commit
/// reach the disk before it is acknowledged; the busy timeout makes writers queue instead of failing.
/// The settings belong to the native connection, which the connection pool keeps open between uses, so they are
/// sent once per native connection rather than on every open (a request opens several times).
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";

    private static readonly ConditionalWeakTable<object, object> Configured = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!FirstOpen(connection)) return;
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!FirstOpen(connection)) return;
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>True the first time this native connection is seen; without a native handle, always.</summary>
    private static bool FirstOpen(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || Configured.TryAdd(handle, handle);
}
