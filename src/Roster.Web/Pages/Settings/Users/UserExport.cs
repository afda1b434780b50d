using Roster.Users;
using Roster.Web.Downloads;
using Roster.Web.Pages.Shared;

namespace Roster.Web.Pages.Settings.Users;

/// <summary>
/// The Users page as CSV: Name and ID (the name cell shows both), then the chosen columns in the page's order, with
/// dates as the viewer reads them on the page and their time zone named in the header.
/// </summary>
public static class UserExport
{
    public static IResult Download(string accountId, IReadOnlySet<string> chosen, ViewerClock clock, IAsyncEnumerable<MemberView> rows, DateTimeOffset now)
    {
        var columns = new List<(string Title, Func<MemberView, string?> Value)>
        {
            (UserColumns.Name.Title, m => m.Name),
            ("ID", m => m.Id),
        };
        foreach (var column in UserColumns.Optional.Where(c => chosen.Contains(c.Key)))
        {
            columns.Add(column.Key switch
            {
                "email" => (column.Title, m => m.Email),
                "auth" => (column.Title, m => m.Route.AuthMode),
                "joined" => ($"{column.Title} ({clock.Zone.Id})", m => Date(clock, m.ActivatedAt)),
                "signed" => ($"{column.Title} ({clock.Zone.Id})", m => Date(clock, m.SignedInAt)),
                "status" => (column.Title, m => UserList.StatusText(m.Status, m.Revoked)),
                _ => throw new InvalidOperationException($"The Users export has no value for the column {column.Key}."),
            });
        }

        return new CsvDownload<MemberView>(
            CsvDownload.FileName("users", accountId, now), [.. columns.Select(c => c.Title)], rows, m => columns.Select(c => c.Value(m)));
    }

    private static string? Date(ViewerClock clock, DateTimeOffset? at) => at is null ? null : clock.Format(at);
}
