using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;

namespace Roster.Querying;

public sealed class ExportOptions
{
    public const string Section = "Exports";

    /// <summary>Rows read per query while exporting (users and audit CSV); one batch at a time is held in memory.</summary>
    public int BatchSize { get; set; } = 1000;
}

/// <summary>
/// Reads a whole ordered query a batch at a time, for exports: a list of any length is never held in memory at once.
/// The ordering must end with a unique key (every <see cref="RqlResource{T}"/> ordering does), so offsets walk the
/// list without gaps or repeats.
/// </summary>
public static class Batches
{
    public static async IAsyncEnumerable<List<T>> InBatchesAsync<T>(
        this IQueryable<T> ordered, int size, [EnumeratorCancellation] CancellationToken ct = default)
    {
        size = Math.Max(1, size);
        for (var offset = 0; ; offset += size)
        {
            var batch = await ordered.Skip(offset).Take(size).ToListAsync(ct);
            if (batch.Count > 0) yield return batch;
            if (batch.Count < size) yield break;
        }
    }

    /// <summary>The rows of <see cref="InBatchesAsync{T}"/> one by one.</summary>
    public static async IAsyncEnumerable<T> RowsInBatchesAsync<T>(
        this IQueryable<T> ordered, int size, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var batch in ordered.InBatchesAsync(size, ct))
            foreach (var row in batch)
                yield return row;
    }
}
