using System.Globalization;
using Microsoft.Data.Sqlite;
using Roster.Data;

namespace Roster.Bench.Seeding;

/// <summary>One prepared INSERT per table, re-bound for every row.</summary>
public sealed class SqliteBulkLoader : BulkLoader
{
    private const long LoadHashSize = 256L * 1024 * 1024;
    private const long DefaultHashSize = 1024 * 1024;
    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _commands = [];
    private readonly Dictionary<string, long> _hashSizes = [];

    private SqliteBulkLoader(RosterDbContext db, SqliteConnection connection) : base(db) => _connection = connection;

    public static async Task<SqliteBulkLoader> CreateAsync(RosterDbContext db, SqliteConnection connection, CancellationToken ct)
    {
        var loader = new SqliteBulkLoader(db, connection);
        // A 1 GiB page cache for this connection only: index pages stay in memory while a million random names go in.
        await loader.ExecuteAsync("PRAGMA cache_size = -1048576", ct);
        await loader.EnlargeFullTextBuffersAsync(ct);
        return loader;
    }

    /// <summary>
    /// Full-text indexes filled by triggers (Roster's trigram member search) write their buffered postings out every
    /// 1 MB by default, and every write-out is a segment to merge later. For the load they buffer 256 MB, then get
    /// their own setting back (<see cref="FinishAsync"/>); every row still goes in through the trigger.
    /// </summary>
    private async Task EnlargeFullTextBuffersAsync(CancellationToken ct)
    {
        var tables = await TextColumnAsync(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%'", ct);
        foreach (var table in tables)
        {
            var configured = await TextColumnAsync($"SELECT v FROM {TableShape.Quote(table + "_config")} WHERE k = 'hashsize'", ct);
            _hashSizes[table] = configured.Count == 1 ? long.Parse(configured[0], CultureInfo.InvariantCulture) : DefaultHashSize;
            await SetHashSizeAsync(table, LoadHashSize, ct);
        }
    }

    private Task SetHashSizeAsync(string table, long bytes, CancellationToken ct) =>
        ExecuteAsync($"INSERT INTO {TableShape.Quote(table)} ({TableShape.Quote(table)}, rank) VALUES ('hashsize', {bytes})", ct);

    private async Task<List<string>> TextColumnAsync(string sql, CancellationToken ct)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(ct);
        var values = new List<string>();
        while (await reader.ReadAsync(ct)) values.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!);
        return values;
    }

    protected override Task InsertAsync<T>(TableShape shape, IReadOnlyList<T> rows, CancellationToken ct)
    {
        var command = Command(shape);
        command.Transaction = (SqliteTransaction?)Transaction;
        var parameters = command.Parameters;
        var columns = shape.Columns;
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            for (var i = 0; i < columns.Count; i++)
                parameters[i].Value = columns[i].Read(row) ?? DBNull.Value;
            command.ExecuteNonQuery();
        }
        return Task.CompletedTask;
    }

    public override async Task FinishAsync(CancellationToken ct)
    {
        foreach (var (table, bytes) in _hashSizes) await SetHashSizeAsync(table, bytes, ct);
        await ExecuteAsync("ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);", ct);
    }

    private SqliteCommand Command(TableShape shape)
    {
        if (_commands.TryGetValue(shape.Table, out var command)) return command;
        command = _connection.CreateCommand();
        command.CommandText = $"INSERT INTO {TableShape.Quote(shape.Table)} ({shape.QuotedColumnList}) " +
                              $"VALUES ({string.Join(", ", shape.Columns.Select((_, i) => $"$p{i}"))})";
        for (var i = 0; i < shape.Columns.Count; i++) command.Parameters.Add(new SqliteParameter($"$p{i}", null));
        return _commands[shape.Table] = command;
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var command in _commands.Values) await command.DisposeAsync();
        await base.DisposeAsync();
    }
}
