using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Roster.Common;

namespace Roster.Querying;

public sealed class ExportOptions
{
    public const string Section = "Exports";

    /// <summary>Rows read per query while exporting (users and audit CSV); one batch at a time is held in memory.</summary>
    public int BatchSize { get; set; } = 1000;
}

/// <summary>Reads whole lists a batch at a time, for exports: a list of any length is never held in memory at once.</summary>
public static class Batches
{
    /// <summary>
    /// Every row of <paramref name="source"/> that <paramref name="query"/> selects, in its order, paging ignored. Each
    /// batch starts after the last row of the one before (<see cref="Keyset{T}"/>) rather than at an offset, so every
    /// batch costs the same however deep the export is, and rows added or removed meanwhile neither repeat nor hide
    /// others. A query the resource does not allow is the error, before anything is read.
    /// </summary>
    public static Result<IAsyncEnumerable<T>> ReadAllAsync<T>(
        this RqlResource<T> resource, IQueryable<T> source, RqlQuery query, RqlDialect dialect, int batchSize)
    {
        var filtered = resource.Filter(source, query, dialect);
        if (!filtered.Succeeded) return filtered.Error;
        var keys = resource.SortKeys(query);
        if (!keys.Succeeded) return keys.Error;
        return Result<IAsyncEnumerable<T>>.Ok(ReadSegmentsAsync(filtered.Value, keys.Value, Math.Max(1, batchSize)));
    }

    /// <summary>
    /// An ordering that starts with whether a field is null is read as two segments, the rows with a value and those
    /// without, each in the order of the rest of the keys: no index holds "is null" first, so reading both at once
    /// would sort what is left of the list for every batch, while each segment is read along the field's index.
    /// </summary>
    private static async IAsyncEnumerable<T> ReadSegmentsAsync<T>(
        IQueryable<T> filtered, IReadOnlyList<RqlSortKey> keys, int size, [EnumeratorCancellation] CancellationToken ct = default)
    {
        if (keys[0] is not { IsNullFlag: true } flag)
        {
            await foreach (var row in ReadAsync(filtered, keys, new Keyset<T>(keys), size, ct)) yield return row;
            yield break;
        }
        var rest = keys.Skip(1).ToList();
        // Ascending, the rows with a value come first (nulls last); descending, the nulls do.
        foreach (var isNull in flag.Descending ? new[] { true, false } : [false, true])
        {
            var segment = filtered.Where(Expression.Lambda<Func<T, bool>>(
                Expression.Equal(flag.Key.Body, Expression.Constant(isNull)), flag.Key.Parameters));
            await foreach (var row in ReadSegmentsAsync(segment, rest, size, ct)) yield return row;
        }
    }

    private static async IAsyncEnumerable<T> ReadAsync<T>(
        IQueryable<T> filtered, IReadOnlyList<RqlSortKey> keys, Keyset<T> keyset, int size, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var rest = filtered;
        while (true)
        {
            var batch = await RqlResource<T>.Sort(rest, keys).Take(size).ToListAsync(ct);
            foreach (var row in batch) yield return row;
            if (batch.Count < size) yield break;
            rest = filtered.Where(keyset.After(batch[^1]));
        }
    }
}
