using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Roster.Data;

/// <summary>
/// Held across everything a node does to the database before it serves (migrations, then first start), so that
/// nodes started together take turns: the first migrates and bootstraps, the others wait and then find it done.
/// On PostgreSQL it is a session advisory lock on a connection of its own; on SQLite an OS lock on a file beside
/// the database. Both end with the process, so a node killed while starting never holds up the next one.
/// </summary>
public sealed class StartLock : IAsyncDisposable
{
    // Advisory locks belong to one database, so a constant key serves every Roster database on a server.
    private const long PostgresKey = 0x526F_7374_6572_0001;
    private static readonly TimeSpan FileRetry = TimeSpan.FromMilliseconds(100);

    private readonly NpgsqlConnection? _session;
    private readonly FileStream? _file;

    private StartLock(NpgsqlConnection? session, FileStream? file)
    {
        _session = session;
        _file = file;
    }

    /// <summary>Waits, however long another node's start takes, until this node may start.</summary>
    public static async Task<StartLock> AcquireAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RosterDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Roster.Start");
        var connectionString = db.Database.GetConnectionString()!;
        return db.Provider == DatabaseProvider.Postgres
            ? new StartLock(await LockSessionAsync(db, connectionString, logger, ct), null)
            : new StartLock(null, await LockFileAsync(connectionString, logger, ct));
    }

    private static async Task<NpgsqlConnection> LockSessionAsync(RosterDbContext db, string connectionString, ILogger logger, CancellationToken ct)
    {
        await CreateDatabaseIfMissingAsync(db, connectionString, logger, ct);
        // Unpooled, so that closing it ends the session and with it the lock; a pooled connection lives on after Close.
        var session = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        try
        {
            await session.OpenAsync(ct);
            await using var tryLock = Command(session, "SELECT pg_try_advisory_lock(@key)");
            if (await tryLock.ExecuteScalarAsync(ct) is not true)
            {
                logger.LogInformation("Another node is migrating or setting up the database; waiting for it to finish.");
                await using var waitForLock = Command(session, "SELECT pg_advisory_lock(@key)");
                await waitForLock.ExecuteNonQueryAsync(ct);
            }
            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    private static NpgsqlCommand Command(NpgsqlConnection session, string sql)
    {
        // No command timeout: a waiting node waits as long as the migration it waits for takes.
        var command = new NpgsqlCommand(sql, session) { CommandTimeout = 0 };
        command.Parameters.AddWithValue("key", PostgresKey);
        return command;
    }

    /// <summary>Migrations used to create a missing database; two nodes doing so at once must both go on.</summary>
    private static async Task CreateDatabaseIfMissingAsync(RosterDbContext db, string connectionString, ILogger logger, CancellationToken ct)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(ct)) return;
        // Said aloud: the name mistyped, an operator would otherwise find an empty Roster and think the data lost.
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        logger.LogWarning("The database {Database} does not exist on {Host}; creating it. If Roster's data should already be there, " +
            "check the database name in ConnectionStrings:Roster.", target.Database ?? target.Username, target.Host);
        try
        {
            await creator.CreateAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
        }
    }

    private static async Task<FileStream?> LockFileAsync(string connectionString, ILogger logger, CancellationToken ct)
    {
        var source = new SqliteConnectionStringBuilder(connectionString);
        if (source.Mode == SqliteOpenMode.Memory || source.DataSource is "" or ":memory:") return null;
        var path = Path.GetFullPath(source.DataSource) + ".start-lock";
        var waiting = false;
        while (true)
        {
            try
            {
                // FileShare.None takes an exclusive lock on the file, which every other process and FileStream respects.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException e) when (e.GetType() == typeof(IOException))
            {
                if (!waiting) logger.LogInformation("Another process is migrating or setting up {Database}; waiting for it to finish.", source.DataSource);
                waiting = true;
                await Task.Delay(FileRetry, ct);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_session is not null) await _session.DisposeAsync();
        if (_file is not null) await _file.DisposeAsync();
    }
}
