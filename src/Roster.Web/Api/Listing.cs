using System.Text.Json.Nodes;
using Roster.Common;
using Roster.Querying;

namespace Roster.Web.Api;

/// <summary>
/// Connect's list convention, once for every list: RQL filter, search and ordering in SQL; limit/offset;
/// the total in Content-Range; select() on the shaped items.
/// </summary>
public static class Listing
{
    /// <summary>A list a query of the core reads, each item shaped on its own.</summary>
    public static Task<IResult> RespondAsync<T>(
        HttpContext context, Func<RqlQuery, CancellationToken, Task<Result<RqlPage<T>>>> read,
        Func<T, object> shape, IReadOnlySet<string>? optionalFields = null) =>
        RespondAsync(context, read, page => Task.FromResult(page.Select(shape)), optionalFields);

    /// <summary>A list whose items need more than their row: <paramref name="shapePage"/> completes a whole page at once.</summary>
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
}
