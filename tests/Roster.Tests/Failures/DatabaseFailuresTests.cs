using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;
using Roster.Data;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Failures;

/// <summary>
/// Which real failures read as "the database cannot be reached" (answered 503 with Retry-After) and which do not
/// (500): each is produced by a real database or a real socket. The PostgreSQL server's own failures are produced
/// when the suite runs on PostgreSQL; a server that is down and SQLite's failures, on every run.
/// </summary>
public sealed class DatabaseFailuresTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "roster-tests", "failures-" + Guid.NewGuid().ToString("N"));
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _database = await TestDatabase.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task FailuresToReachTheDatabase_ReadAsUnreachable()
    {
        var failures = new List<(string What, Exception Failure)>
        {
            ("a PostgreSQL port nobody listens on", await FailureOfAsync(async () =>
            {
                await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={ClosedPort()};Username=postgres;Timeout=5");
                await connection.OpenAsync();
            })),
            ("a SQLite file in a folder that is gone", await FailureOfAsync(async () =>
            {
                await using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "gone", "roster.db")}");
                await connection.OpenAsync();
            })),
            ("a SQLite database another writer holds", await SqliteBusyAsync()),
        };
        if (_database.Provider == DatabaseProvider.Postgres)
        {
            failures.Add(("a PostgreSQL session the server ended (pg_terminate_backend, as at shutdown)", await TerminatedSessionAsync()));
            failures.Add(("a PostgreSQL command past its timeout", await FailureOfAsync(async () =>
            {
                await using var connection = new NpgsqlConnection(_database.ConnectionString);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand("SELECT pg_sleep(30)", connection) { CommandTimeout = 1 };
                await command.ExecuteNonQueryAsync();
            })));
        }

        foreach (var (what, failure) in failures)
            DatabaseFailures.IsUnreachable(failure).ShouldBeTrue($"{what}: {failure}");
    }

    [Fact]
    public async Task FailuresOfADatabaseThatAnswered_DoNotReadAsUnreachable()
    {
        var failures = new List<(string What, Exception Failure)>
        {
            ("a SQLite unique violation", await FailureOfAsync(async () =>
            {
                await using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "unique.db")}");
                await connection.OpenAsync();
                await using var command = new SqliteCommand("CREATE TABLE t (id INTEGER PRIMARY KEY); INSERT INTO t VALUES (1); INSERT INTO t VALUES (1);", connection);
                await command.ExecuteNonQueryAsync();
            })),
            ("a SQLite syntax error", await FailureOfAsync(async () =>
            {
                await using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "syntax.db")}");
                await connection.OpenAsync();
                await using var command = new SqliteCommand("SELEKT 1", connection);
                await command.ExecuteNonQueryAsync();
            })),
        };
        if (_database.Provider == DatabaseProvider.Postgres)
        {
            failures.Add(("a PostgreSQL unique violation", await PostgresFailureAsync(
                "CREATE TEMP TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1); INSERT INTO t VALUES (1);")));
            failures.Add(("a PostgreSQL syntax error", await PostgresFailureAsync("SELEKT 1")));
            failures.Add(("a PostgreSQL statement the server cancelled (statement_timeout)",
                await PostgresFailureAsync("SET statement_timeout = 50; SELECT pg_sleep(5);")));
        }

        foreach (var (what, failure) in failures)
            DatabaseFailures.IsUnreachable(failure).ShouldBeFalse($"{what}: {failure}");
    }

    private async Task<Exception> SqliteBusyAsync()
    {
        var file = Path.Combine(_folder, "busy.db");
        await using var holder = new SqliteConnection($"Data Source={file};Pooling=False");
        await holder.OpenAsync();
        await using (var create = new SqliteCommand("PRAGMA journal_mode=WAL; CREATE TABLE t (id INTEGER); BEGIN IMMEDIATE; INSERT INTO t VALUES (1);", holder))
            await create.ExecuteNonQueryAsync();
        return await FailureOfAsync(async () =>
        {
            await using var writer = new SqliteConnection($"Data Source={file};Pooling=False;Default Timeout=1");
            await writer.OpenAsync();
            await using var command = new SqliteCommand("BEGIN IMMEDIATE; INSERT INTO t VALUES (2);", writer);
            await command.ExecuteNonQueryAsync();
        });
    }

    private async Task<Exception> TerminatedSessionAsync()
    {
        await using var victim = new NpgsqlConnection(_database.ConnectionString + ";Pooling=false");
        await victim.OpenAsync();
        await using (var admin = new NpgsqlConnection(_database.ConnectionString + ";Pooling=false"))
        {
            await admin.OpenAsync();
            await using var terminate = new NpgsqlCommand($"SELECT pg_terminate_backend({victim.ProcessID})", admin);
            await terminate.ExecuteScalarAsync();
        }
        return await FailureOfAsync(async () =>
        {
            await using var command = new NpgsqlCommand("SELECT 1", victim);
            await command.ExecuteScalarAsync();
        });
    }

    private Task<Exception> PostgresFailureAsync(string sql) => FailureOfAsync(async () =>
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    });

    private static async Task<Exception> FailureOfAsync(Func<Task> work)
    {
        try
        {
            await work();
        }
        catch (Exception failure)
        {
            return failure;
        }
        throw new InvalidOperationException("The work was expected to fail and did not.");
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
