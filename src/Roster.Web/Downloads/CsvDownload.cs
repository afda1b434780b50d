using System.Globalization;
using System.Text;
using Microsoft.Net.Http.Headers;
using Roster.Common;

namespace Roster.Web.Downloads;

/// <summary>
/// A CSV attachment written line by line as its rows arrive, so an export of any size is never held in memory.
/// Both the API (<c>Accept: text/csv</c>) and the portal's Export CSV answer with it.
/// </summary>
public sealed class CsvDownload<T>(string fileName, IReadOnlyList<string> header, IAsyncEnumerable<T> rows, Func<T, IEnumerable<string?>> fields) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = Csv.ContentType;
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        // An export reflects the data at the time of the request; a cached copy would leak it or go stale.
        response.Headers.CacheControl = "no-store";
        var ct = httpContext.RequestAborted;
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 16 * 1024, leaveOpen: true);
        await writer.WriteAsync(Csv.Line(header).AsMemory(), ct);
        await foreach (var row in rows.WithCancellation(ct))
            await writer.WriteAsync(Csv.Line(fields(row)).AsMemory(), ct);
        await writer.FlushAsync(ct);
    }
}

public static class CsvDownload
{
    private const string FormatCsv = "format=csv";

    /// <summary>
    /// True when the client asked for CSV by name, or put <c>format=csv</c> in the query, since a plain link cannot
    /// set a header. <c>*/*</c> and no Accept header keep JSON.
    /// </summary>
    public static bool Requested(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase) && (a.Quality ?? 1) > 0)
        || QueryComponents(request).Contains(FormatCsv);

    /// <summary>The RQL query of the request without its <c>format=csv</c>.</summary>
    public static string QueryWithoutFormat(HttpRequest request) => string.Join('&', QueryComponents(request).Where(c => c != FormatCsv));

    private static string[] QueryComponents(HttpRequest request) => (request.QueryString.Value ?? "").TrimStart('?').Split('&');

    /// <summary>An instant as ISO 8601 in UTC, or nothing.</summary>
    public static string? Utc(DateTimeOffset? at) =>
        at?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary><c>users-PA-123-456-2026-11-24.csv</c>: what, whose and when, safe as a file name on any system.</summary>
    public static string FileName(string what, string accountId, DateTimeOffset now)
    {
        var safe = new string([.. accountId.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '_')]);
        return $"{what}-{safe}-{now.UtcDateTime:yyyy-MM-dd}.csv";
    }
}
