using Roster.Querying;
using Roster.Users;
using Roster.Web.Downloads;

namespace Roster.Web.Api;

/// <summary>
/// The columns of GET /accounts/{a}/users as CSV. Each column is named by its path in the JSON answer, so
/// <c>select(-groups,-events.invited)</c> drops columns as it drops members of the JSON items.
/// </summary>
public static class MemberCsv
{
    private sealed record Column(string Path, string Title, Func<MemberView, string?> Value);

    private static readonly Column[] Columns =
    [
        new("id", "id", m => m.Id),
        new("name", "name", m => m.Name),
        new("email", "email", m => m.Email),
        new("status", "status", m => m.Status.ToString().ToLowerInvariant()),
        new("groups", "groups", m => string.Join("; ", m.Groups.Select(g => g.Name))),
        new("events.created", "created", m => CsvDownload.Utc(m.CreatedAt)),
        new("events.invited", "invited", m => CsvDownload.Utc(m.InvitedAt)),
        new("events.activated", "activated", m => CsvDownload.Utc(m.ActivatedAt)),
        new("events.signed", "last sign in", m => CsvDownload.Utc(m.SignedInAt)),
    ];

    public static IResult Download(string accountId, RqlSelect select, IAsyncEnumerable<MemberView> rows, DateTimeOffset now)
    {
        var columns = Columns.Where(c => !select.Excludes.Any(e => c.Path == e || c.Path.StartsWith(e + ".", StringComparison.Ordinal))).ToList();
        return new CsvDownload<MemberView>(
            CsvDownload.FileName("users", accountId, now), [.. columns.Select(c => c.Title)], rows, m => columns.Select(c => c.Value(m)));
    }
}
