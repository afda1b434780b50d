using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Roster.Querying;

namespace Roster.Web.Pages.Settings.Users;

/// <summary>One column of the Users list; <see cref="Sort"/> is its RQL field, or null when it cannot be sorted.</summary>
public sealed record UserColumn(string Key, string Title, string? Sort);

public static class UserColumns
{
    /// <summary>The name under which the shown columns are remembered per user and account.</summary>
    public const string PreferenceList = "users";

    public static UserColumn Name { get; } = new("name", "Name", "name");

    /// <summary>The columns a user can hide; Name is always shown.</summary>
    public static IReadOnlyList<UserColumn> Optional { get; } =
    [
        new("email", "Email", "email"),
        new("auth", "Auth mode", null),
        new("joined", "Joined at", "events.activated.at"),
        new("signed", "Last sign in", "events.signed.at"),
        new("status", "Status", "status"),
    ];

    public static IEnumerable<UserColumn> Sortable => Optional.Prepend(Name).Where(c => c.Sort is not null);

    /// <summary>No saved choice shows every column; unknown keys in a saved one are ignored.</summary>
    public static IReadOnlySet<string> Parse(string? stored) => stored is null
        ? Optional.Select(c => c.Key).ToHashSet()
        : stored.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(k => Optional.Any(c => c.Key == k)).ToHashSet();

    public static string Format(IEnumerable<string> keys) =>
        string.Join(',', Optional.Select(c => c.Key).Where(keys.Contains));
}

/// <summary>
/// The Users list as its query string describes it (filters, sort, page), so links, Refresh and Back show the same
/// list. Anything unreadable falls back to the default rather than failing the page.
/// </summary>
/// <param name="Provider">An identity provider of the account: the members who sign in through it (<c>idp.id</c>).</param>
public sealed record UserListState(string? Status, string? Group, string? Provider, string? Search, string Sort, int Rows, int Page)
{
    public const string Path = "/settings/users";
    public const int SearchMaxLength = 200;
    public static IReadOnlyList<int> RowChoices { get; } = [10, 25, 50, 100];
    /// <summary>The API's statuses, with "revoked" split from "expired": the portal tells the two apart.</summary>
    public static IReadOnlyList<string> Statuses { get; } = ["invited", "active", "expired", "revoked"];
    public static UserListState Default { get; } = new(null, null, null, null, "name", 10, 1);

    public int Offset => (Page - 1) * Rows;
    public bool Filtered => Status is not null || Group is not null || Provider is not null || Search is not null;
    public string SortKey => Sort.TrimStart('-');
    public bool Descending => Sort.StartsWith('-');

    public static UserListState From(IQueryCollection query)
    {
        var status = query["status"].ToString();
        var group = query["group"].ToString().Trim();
        var provider = query["provider"].ToString().Trim();
        var search = query["search"].ToString().Trim();
        var sort = query["sort"].ToString();
        var rows = int.TryParse(query["rows"], NumberStyles.None, CultureInfo.InvariantCulture, out var r) && RowChoices.Contains(r) ? r : Default.Rows;
        var page = int.TryParse(query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is >= 1 and <= 1_000_000 ? p : 1;
        return new UserListState(
            Statuses.Contains(status) ? status : null,
            group.Length is > 0 and <= 64 ? group : null,
            provider.Length is > 0 and <= 64 ? provider : null,
            search.Length == 0 ? null : search[..Math.Min(search.Length, SearchMaxLength)],
            UserColumns.Sortable.Any(c => c.Key == sort.TrimStart('-')) ? sort : Default.Sort,
            rows,
            page);
    }

    /// <summary>The same query the API would run for this list: filters and search in SQL, then a page.</summary>
    public RqlQuery ToRql()
    {
        List<RqlNode> filters = [];
        if (Status is not null) filters.Add(StatusFilter(Status));
        if (Group is not null) filters.Add(new RqlComparison("groups.id", RqlOperator.Eq, RqlValue.Of(Group)));
        if (Provider is not null) filters.Add(new RqlComparison("idp.id", RqlOperator.Eq, RqlValue.Of(Provider)));
        var field = UserColumns.Sortable.Single(c => c.Key == SortKey).Sort!;
        return new RqlQuery
        {
            Filter = filters.Count switch { 0 => null, 1 => filters[0], _ => new RqlAnd(filters) },
            Search = Search,
            Ordering = [new RqlOrdering(field, Descending)],
            Limit = Rows,
            Offset = Offset,
        };
    }

    /// <summary>Expired and revoked are both the API's "expired"; a revocation has its moment, a lapse has none.</summary>
    private static RqlNode StatusFilter(string status) => status switch
    {
        "revoked" => new RqlAnd([Expired, new RqlComparison("events.revoked.at", RqlOperator.Ne, RqlValue.Null)]),
        "expired" => new RqlAnd([Expired, new RqlComparison("events.revoked.at", RqlOperator.Eq, RqlValue.Null)]),
        _ => new RqlComparison("status", RqlOperator.Eq, RqlValue.Of(status)),
    };

    private static RqlComparison Expired => new("status", RqlOperator.Eq, RqlValue.Of("expired"));

    /// <summary>A link to <paramref name="path"/> carrying this state; defaults are left out to keep links short.</summary>
    public string Href(string path = Path, string? handler = null)
    {
        var query = new List<KeyValuePair<string, string?>>();
        if (handler is not null) query.Add(new("handler", handler));
        foreach (var (key, value) in Parameters()) query.Add(new(key, value));
        return QueryHelpers.AddQueryString(path, query);
    }

    /// <summary>The state as form fields, for GET forms that change one part of it.</summary>
    public IEnumerable<(string Key, string Value)> Parameters(params string[] except)
    {
        if (Status is not null && !except.Contains("status")) yield return ("status", Status);
        if (Group is not null && !except.Contains("group")) yield return ("group", Group);
        if (Provider is not null && !except.Contains("provider")) yield return ("provider", Provider);
        if (Search is not null && !except.Contains("search")) yield return ("search", Search);
        if (Sort != Default.Sort && !except.Contains("sort")) yield return ("sort", Sort);
        if (Rows != Default.Rows && !except.Contains("rows")) yield return ("rows", Rows.ToString(CultureInfo.InvariantCulture));
        if (Page != 1 && !except.Contains("page")) yield return ("page", Page.ToString(CultureInfo.InvariantCulture));
    }
}
