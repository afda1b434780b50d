using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Roster.Data;

namespace Roster.Testing;

/// <summary>
/// A fresh, migrated database for one test class: a SQLite file, or a PostgreSQL database when
/// ROSTER_TEST_PROVIDER=postgres (with ROSTER_TEST_POSTGRES holding the server's connection string).
/// scripts/test runs the whole suite once per provider. Migrating costs more than most tests, and a suite makes a
/// few hundred databases, so each test process migrates one template and copies it (a file copy; on PostgreSQL
/// CREATE DATABASE ... TEMPLATE ... STRATEGY FILE_COPY); tests of migrating itself ask for an empty database.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _sqliteFile;
    private readonly string? _postgresName;
    private readonly List<string> _dataDirectories = [];

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

    /// <summary>
    /// A database a test set up itself (a cluster or a folder of its own); disposing it leaves the database alone and
    /// deletes only the data folders its settings named.
    /// </summary>
    public static TestDatabase External(DatabaseProvider provider, string connectionString) => new(provider, connectionString, null, null);

    /// <summary>A database with every migration applied and no data.</summary>
    public static async Task<TestDatabase> CreateAsync()
    {
        var template = await Template.Value;
        return await CreateAsync(template);
    }

    /// <summary>A database without even the schema, for tests of migrating and of a first start.</summary>
    public static Task<TestDatabase> CreateEmptyAsync() => CreateAsync(template: null);

    private static async Task<TestDatabase> CreateAsync(TestDatabase? template)
    {
        if (SelectedProvider == DatabaseProvider.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), "roster-tests", $"{Guid.NewGuid():N}.db");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            if (template is not null) File.Copy(template._sqliteFile!, file);
            return new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={file}", file, null);
        }

        var name = $"roster_test_{Guid.NewGuid():N}";
        // FILE_COPY copies the template's files as they are; the default (WAL_LOG) writes every page of the copy
        // through the write-ahead log: 170-210 ms a copy of Roster's schema against 45-115 ms, measured side by side.
        var copy = template is null ? "" : $" TEMPLATE \"{template._postgresName}\" STRATEGY FILE_COPY";
        await ServerCommandAsync($"CREATE DATABASE \"{name}\"{copy}");
        var builder = new NpgsqlConnectionStringBuilder(Server) { Database = name };
        return new TestDatabase(DatabaseProvider.Postgres, builder.ToString(), null, name);
    }

    private static string Server => Environment.GetEnvironmentVariable("ROSTER_TEST_POSTGRES")
        ?? throw new InvalidOperationException("ROSTER_TEST_PROVIDER=postgres needs ROSTER_TEST_POSTGRES (a server connection string).");

    private static async Task ServerCommandAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    // One per test process, dropped when the process exits.
    private static readonly Lazy<Task<TestDatabase>> Template = new(CreateTemplateAsync);

    private static async Task<TestDatabase> CreateTemplateAsync()
    {
        var template = await CreateEmptyAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(template.Settings).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System).AddSingleton<IConfiguration>(configuration);
        await using (var provider = services.AddRoster(configuration).BuildServiceProvider())
            await DatabaseMigrator.MigrateAsync(provider);
        if (template._sqliteFile is not null)
        {
            // Everything in the main file, so that a copy of the file alone is the whole database.
            await using (var connection = new SqliteConnection(template.ConnectionString))
            {
                await connection.OpenAsync();
                await using var checkpoint = new SqliteCommand("PRAGMA wal_checkpoint(TRUNCATE)", connection);
                await checkpoint.ExecuteNonQueryAsync();
            }
            SqliteConnection.ClearAllPools();
        }
        // PostgreSQL copies a template only while no one is connected to it.
        else NpgsqlConnection.ClearAllPools();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => template.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return template;
    }

    /// <summary>
    /// Configuration keys that point Roster at this database. Each read names a data folder of its own (where mail
    /// is written without SMTP), so two nodes on one database keep theirs apart; disposing the database deletes them.
    /// </summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings
    {
        get
        {
            var dataDirectory = Path.Combine(Path.GetTempPath(), "roster-tests", Guid.NewGuid().ToString("N"));
            lock (_dataDirectories) _dataDirectories.Add(dataDirectory);
            return
            [
                new("Database:Provider", Provider == DatabaseProvider.Postgres ? "postgres" : "sqlite"),
                new("ConnectionStrings:Roster", ConnectionString),
                new("Database:DataDirectory", dataDirectory),
                new("Security:PasswordHashIterations", "1000"),
            ];
        }
    }

    public async ValueTask DisposeAsync()
    {
        string[] dataDirectories;
        lock (_dataDirectories) dataDirectories = [.. _dataDirectories];
        foreach (var folder in dataDirectories.Where(Directory.Exists)) Directory.Delete(folder, recursive: true);
        if (_sqliteFile is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm", ".start-lock", ".nodes" })
                File.Delete(_sqliteFile + suffix);
        }
        if (_postgresName is not null)
        {
            // This database's pools only, the tests' and Roster's (whose connection string adds settings). Clearing every
            // pool closed the connections of the databases that other test classes were using at the same time, and
            // each of them then paid for new server processes: a quarter of the connections PostgreSQL served.
            NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionString));
            NpgsqlConnection.ClearPool(new NpgsqlConnection(DataServices.PostgresConnectionString(ConnectionString)));
            await ServerCommandAsync($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)");
        }
    }
}
