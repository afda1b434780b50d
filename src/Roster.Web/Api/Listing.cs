using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Querying;

namespace Roster.Web.Api;

/// <summary>
/// Connect's list convention, once for every list: RQL filter, search and ordering in SQL; limit/offset;
/// the total in Content-Range; select() on the shaped items.
/// </summary>
public static class Listing
{
    public static Task<IResult> RespondAsync<T>(
        HttpContext context, RosterDbContext db, IQueryable<T> source, RqlResource<T> resource,
        Func<T, object> shape, IReadOnlySet<string>? optionalFields = null) =>
        RespondAsync(context, db, source, resource, page => Task.FromResult(page.Select(shape)), optionalFields);

    /// <summary>For lists whose items need more than their row: <paramref name="shapePage"/> completes a whole page at once.</summary>
    public static Task<IResult> RespondAsync<T>(
        HttpContext context, RosterDbContext db, IQueryable<T> source, RqlResource<T> resource,
        Func<IReadOnlyList<T>, Task<IEnumerable<object>>> shapePage, IReadOnlySet<string>? optionalFields = null) =>
        RespondAsync(context, (query, ct) => ReadAsync(db, source, resource, query, ct), shapePage, optionalFields);

    /// <summary>For lists a query of the core reads, whose items each shape on their own.</summary>
    public static Task<IResult> RespondAsync<T>(
        HttpContext context, Func<RqlQuery, CancellationToken, Task<Result<RqlPage<T>>>> read,
        Func<T, object> shape, IReadOnlySet<string>? optionalFields = null) =>
        RespondAsync(context, read, page => Task.FromResult(page.Select(shape)), optionalFields);

    /// <summary>For lists that read their pages themselves, such as an account's members.</summary>
    public static async Task<IResult> RespondAsync<T>(
        HttpContext context, Func<RqlQuery, CancellationToken, Task<Result<RqlPage<T>>>> read,
        Func<IReadOnlyList<T>, Task<IEnumerable<object>>> shapePage, IReadOnlySet<string>? optionalFields = null)
    {
        var parsed = Rql.Parse(context.Request.QueryString.Value);
        if (!parsed.Succeeded) return parsed.Error.ToApi();
        var query = parsed.Value;
        var page = await read(query, context.RequestAborted);
        if (!page.Succeeded) return page.Error.ToApi();

        var (rows, total) = page.Value;
        context.Response.Headers["Content-Range"] = RqlPaging.ContentRange(query.Offset, rows.Count, total);
        var items = (await shapePage(rows)).ToList();

        var optional = optionalFields ?? new HashSet<string>();
        if (optional.Count == 0 && query.Select.Includes.Count == 0 && query.Select.Excludes.Count == 0)
            return ConnectJson.Ok(items);
        var nodes = new JsonArray();
        foreach (var item in items)
        {
            var node = ConnectJson.ToNode(item);
            query.Select.Apply(node, optional);
            nodes.Add(node);
        }
        return ConnectJson.Ok(nodes);
    }

    private static Task<Result<RqlPage<T>>> ReadAsync<T>(
        RosterDbContext db, IQueryable<T> source, RqlResource<T> resource, RqlQuery query, CancellationToken ct) =>
        resource.ReadPageAsync(source, query, RqlDialect.For(db.Provider), ct);
}
