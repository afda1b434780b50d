using System.Globalization;
using Npgsql;

namespace Roster.Bench.Server;

/// <summary>
/// A database of its own on the given PostgreSQL server, created empty for one run and dropped after it, so a
/// benchmark never touches data it did not make.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly string _server;
    private readonly string _name;

    private PostgresDatabase(string server, string name, string connectionString)
    {
        _server = server;
        _name = name;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<PostgresDatabase> CreateAsync(string serverConnectionString, CancellationToken ct)
    {
        var name = "roster_bench_" + DateTime.UtcNow.ToString("yyyyMMdd_HHmmss", CultureInfo.InvariantCulture);
        await ExecuteAsync(serverConnectionString, $"CREATE DATABASE \"{name}\"", ct);
        var connectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name }.ConnectionString;
        return new PostgresDatabase(serverConnectionString, name, connectionString);
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(_server, $"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", CancellationToken.None);
    }
}
