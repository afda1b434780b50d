using Microsoft.EntityFrameworkCore;
using Roster.Common;

namespace Roster.Querying;

/// <summary>Connect's list convention in the core: filter, search and ordering in SQL, the total, then one page.</summary>
public static class RqlReading
{
    /// <summary>
    /// One page of <paramref name="source"/> as <paramref name="query"/> asks, and the total of the filtered list;
    /// <c>limit=0</c> only counts. A query the resource does not allow is the error.
    /// </summary>
    public static async Task<Result<RqlPage<T>>> ReadPageAsync<T>(
        this RqlResource<T> resource, IQueryable<T> source, RqlQuery query, RqlDialect dialect, CancellationToken ct)
    {
        var filtered = resource.Apply(source, query, dialect);
        if (!filtered.Succeeded) return filtered.Error;
        var total = await filtered.Value.LongCountAsync(ct);
        var rows = query.Limit == 0 || query.Offset >= total
            ? []
            : await RqlPaging.Page(filtered.Value, query).ToListAsync(ct);
        return new RqlPage<T>(rows, total);
    }

    /// <summary>The page with each row turned into what the faces show.</summary>
    public static RqlPage<TView> Select<T, TView>(this RqlPage<T> page, Func<T, TView> view) =>
        new([.. page.Rows.Select(view)], page.Total);
}
