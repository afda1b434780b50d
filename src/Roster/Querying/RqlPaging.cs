using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Roster.Common;

namespace Roster.Querying;

/// <summary>limit/offset rules and Connect's <c>Content-Range</c> header.</summary>
public static class RqlPaging
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>
    /// Skips and takes one page; <c>limit=0</c> takes nothing, the caller only counts. A first page has no OFFSET, and a
    /// limit up to <see cref="DefaultLimit"/> is written into the SQL rather than sent as a parameter: PostgreSQL plans a
    /// prepared statement once only when that plan costs no more than one made for the values, and for an unknown limit
    /// or offset it expects a tenth of the account's rows, so it planned the first page again on every request. Larger
    /// limits stay parameters, so a client sweeping them cannot fill the query cache with a statement each.
    /// </summary>
    public static IQueryable<T> Page<T>(IQueryable<T> source, RqlQuery query)
    {
        var skipped = query.Offset == 0 ? source : source.Skip(query.Offset);
        if (query.Limit > DefaultLimit || skipped.Provider is not IAsyncQueryProvider) return skipped.Take(query.Limit);
        var inlined = Expression.Call(InlinedInt, Expression.Constant(query.Limit));
        return skipped.Provider.CreateQuery<T>(
            Expression.Call(typeof(Queryable), nameof(Queryable.Take), [typeof(T)], skipped.Expression, inlined));
    }

    private static readonly MethodInfo InlinedInt = typeof(EF).GetMethod(nameof(EF.Constant))!.MakeGenericMethod(typeof(int));

    /// <summary>
    /// <c>items &lt;first&gt;-&lt;last&gt;/&lt;total&gt;</c> with zero-based, inclusive positions, as dj-rql writes it
    /// (<c>items 0-99/250</c>). An empty page, including every <c>limit=0</c> answer, names its offset
    /// (<c>items 300-300/250</c>, <c>items 0-0/250</c>); an empty list is <c>items 0-0/0</c>. The total stays truthful
    /// so clients can count.
    /// </summary>
    public static string ContentRange(int offset, int count, long total) =>
        total == 0 ? "items 0-0/0"
        : count <= 0 ? $"items {offset}-{offset}/{total}"
        : $"items {offset}-{(long)offset + count - 1}/{total}";

    // Above the maximum the limit is cut to it, as Connect does; the Content-Range tells the client what it got.
    internal static Result<int> ParseLimit(string text)
    {
        var parsed = ParseCount("limit", text);
        return parsed.Succeeded ? (int)Math.Min(parsed.Value, MaxLimit) : parsed.Error;
    }

    internal static Result<int> ParseOffset(string text)
    {
        var parsed = ParseCount("offset", text);
        if (!parsed.Succeeded) return parsed.Error;
        return parsed.Value <= int.MaxValue ? (int)parsed.Value : RqlErrors.Paging("offset", $"is too large (at most {int.MaxValue})");
    }

    private static Result<long> ParseCount(string name, string text)
    {
        if (text.Length == 0 || !text.All(char.IsAsciiDigit))
            return RqlErrors.Paging(name, $"must be a whole number of 0 or more, not '{text}'");
        var digits = text.TrimStart('0');
        if (digits.Length > 18) return name == "limit" ? (long)MaxLimit : RqlErrors.Paging(name, $"is too large (at most {int.MaxValue})");
        return long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
