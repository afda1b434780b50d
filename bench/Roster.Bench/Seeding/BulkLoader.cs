using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Roster.Data;

namespace Roster.Bench.Seeding;

/// <summary>
/// Writes entities in bulk on the context's own connection, inside large transactions: prepared, re-used INSERTs on
/// SQLite, binary COPY on PostgreSQL. Every row is a plain insert, so the database's triggers and constraints apply.
/// </summary>
public abstract class BulkLoader : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Type, TableShape> _shapes = new();
    private readonly RosterDbContext _db;

    protected BulkLoader(RosterDbContext db) => _db = db;

    protected DbTransaction? Transaction { get; private set; }

    public static async Task<BulkLoader> OpenAsync(RosterDbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        return db.Database.GetDbConnection() switch
        {
            SqliteConnection sqlite => await SqliteBulkLoader.CreateAsync(db, sqlite, ct),
            NpgsqlConnection postgres => new PostgresBulkLoader(db, postgres),
            var other => throw new NotSupportedException($"No bulk loader for {other.GetType().Name}."),
        };
    }

    public async Task BeginAsync(CancellationToken ct) =>
        Transaction = await _db.Database.GetDbConnection().BeginTransactionAsync(ct);

    public async Task CommitAsync(CancellationToken ct)
    {
        await Transaction!.CommitAsync(ct);
        await Transaction.DisposeAsync();
        Transaction = null;
    }

    public Task InsertAsync<T>(IReadOnlyList<T> rows, CancellationToken ct) where T : class =>
        rows.Count == 0 ? Task.CompletedTask : InsertAsync(Shape(typeof(T)), rows, ct);

    protected abstract Task InsertAsync<T>(TableShape shape, IReadOnlyList<T> rows, CancellationToken ct) where T : class;

    /// <summary>Puts back any load-time setting and refreshes the planner's statistics, as an operator would after a bulk import.</summary>
    public abstract Task FinishAsync(CancellationToken ct);

    protected async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var command = _db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(ct);
    }

    private TableShape Shape(Type type) => _shapes.GetOrAdd(type, t => TableShape.For(_db.Model, t));

    public virtual async ValueTask DisposeAsync()
    {
        if (Transaction is not null) await Transaction.DisposeAsync();
        await _db.Database.CloseConnectionAsync();
        GC.SuppressFinalize(this);
    }
}
