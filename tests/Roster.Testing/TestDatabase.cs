using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Roster.Data;

namespace Roster.Testing;

/// <summary>
/// A fresh, migrated database for one test class: a SQLite file, or a PostgreSQL database when
/// ROSTER_TEST_PROVIDER=postgres (with ROSTER_TEST_POSTGRES holding the server's connection string).
/// scripts/test runs the whole suite once per provider.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _sqliteFile;
    private readonly string? _postgresName;

    private TestDatabase(DatabaseProvider provider, string connectionString, string? sqliteFile, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _sqliteFile = sqliteFile;
        _postgresName = postgresName;
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }

    public static DatabaseProvider SelectedProvider =>
        string.Equals(Environment.GetEnvironmentVariable("ROSTER_TEST_PROVIDER"), "postgres", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;

    /// <summary>A database a test set up itself (a cluster or a folder of its own); disposing it leaves it alone.</summary>
    public static TestDatabase External(DatabaseProvider provider, string connectionString) => new(provider, connectionString, null, null);

    public static async Task<TestDatabase> CreateAsync()
    {
        if (SelectedProvider == DatabaseProvider.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), "roster-tests", $"{Guid.NewGuid():N}.db");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            return new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={file}", file, null);
        }

        var server = Environment.GetEnvironmentVariable("ROSTER_TEST_POSTGRES")
                     ?? throw new InvalidOperationException("ROSTER_TEST_PROVIDER=postgres needs ROSTER_TEST_POSTGRES (a server connection string).");
        var name = $"roster_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        return new TestDatabase(DatabaseProvider.Postgres, builder.ToString(), null, name);
    }

    /// <summary>Configuration keys that point Roster at this database.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Database:Provider", Provider == DatabaseProvider.Postgres ? "postgres" : "sqlite"),
        new("ConnectionStrings:Roster", ConnectionString),
        new("Database:DataDirectory", Path.Combine(Path.GetTempPath(), "roster-tests", Guid.NewGuid().ToString("N"))),
        new("Security:PasswordHashIterations", "1000"),
    ];

    public async ValueTask DisposeAsync()
    {
        if (_sqliteFile is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm", ".start-lock", ".nodes" })
                File.Delete(_sqliteFile + suffix);
        }
        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            var server = Environment.GetEnvironmentVariable("ROSTER_TEST_POSTGRES")!;
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
