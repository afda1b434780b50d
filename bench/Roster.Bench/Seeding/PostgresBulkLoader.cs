using Npgsql;
using NpgsqlTypes;
using Roster.Data;

namespace Roster.Bench.Seeding;

/// <summary>One binary COPY per batch and table.</summary>
public sealed class PostgresBulkLoader(RosterDbContext db, NpgsqlConnection connection) : BulkLoader(db)
{
    protected override async Task InsertAsync<T>(TableShape shape, IReadOnlyList<T> rows, CancellationToken ct)
    {
        var columns = shape.Columns;
        await using var import = await connection.BeginBinaryImportAsync(
            $"COPY {TableShape.Quote(shape.Table)} ({shape.QuotedColumnList}) FROM STDIN (FORMAT BINARY)", ct);
        // A batch's triggers and trigram indexes can take longer than a request's 30 s command timeout. (Zero is not
        // "no limit" here: it times out at once.)
        import.Timeout = TimeSpan.FromHours(1);
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            // Synchronous writes: awaiting each of millions of values costs more than an occasional blocking flush.
            import.StartRow();
            foreach (var column in columns)
            {
                switch (column.Read(row))
                {
                    case null: import.WriteNull(); break;
                    case string text: import.Write(text, NpgsqlDbType.Text); break;
                    case DateTimeOffset at: import.Write(at, NpgsqlDbType.TimestampTz); break;
                    case bool flag: import.Write(flag, NpgsqlDbType.Boolean); break;
                    case int number: import.Write(number, NpgsqlDbType.Integer); break;
                    case long number: import.Write(number, NpgsqlDbType.Bigint); break;
                    case var other: throw new NotSupportedException($"{shape.Table}.{column.Name}: no COPY mapping for {other.GetType().Name}.");
                }
            }
        }
        await import.CompleteAsync(ct);
    }

    /// <summary>
    /// What autovacuum does after a bulk load, done before measuring rather than during it: VACUUM sets the visibility
    /// map (index-only scans need it) and flushes the trigram index's pending list; ANALYZE gives the planner sizes.
    /// Then a checkpoint writes the load's pages out. Left to the checkpointer, they were written during the first
    /// scenarios, on the same cores, and its CPU was counted as theirs: about a gigabyte of pages after a million
    /// members. A role without the right to checkpoint (neither superuser nor pg_checkpoint) measures without it.
    /// </summary>
    public override async Task FinishAsync(CancellationToken ct)
    {
        await ExecuteAsync("VACUUM ANALYZE", ct);
        try
        {
            await ExecuteAsync("CHECKPOINT", ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            Console.WriteLine("  no CHECKPOINT after the load (the role may not): the first scenarios share the cores with its writing");
        }
    }
}
