using System.Globalization;
using System.Net;

namespace Roster.Bench.Scenarios;

/// <summary>
/// Looks at one response before the load starts and notes what it shows (<c>details</c>) or what is wrong with it
/// (<c>problems</c>), so a fast wrong answer cannot pass for a fast right one.
/// </summary>
public delegate void ResponseCheck(HttpResponseMessage response, IDictionary<string, object> details, IList<string> problems);

/// <summary>One endpoint driven under a closed-loop load for the scenario duration.</summary>
public sealed record HttpScenario(
    string Name,
    string Request,
    int Concurrency,
    Func<long, HttpRequestMessage> Build,
    Target Target,
    ResponseCheck? Check = null)
{
    /// <summary>Any 2xx is a success; everything else, including redirects, counts as an error.</summary>
    public static bool Succeeded(HttpStatusCode status) => (int)status is >= 200 and < 300;
}

/// <summary>Checks of Connect's list convention: the total in <c>Content-Range: items first-last/total</c>.</summary>
public static class ListChecks
{
    public static ResponseCheck Total(long expectedTotal, long? expectedFirst = null) =>
        Total(total => total == expectedTotal, $"expected {expectedTotal}", expectedFirst);

    public static ResponseCheck TotalAtLeast(long leastTotal) => Total(total => total >= leastTotal, $"expected at least {leastTotal}", null);

    private static ResponseCheck Total(Func<long, bool> expected, string expectation, long? expectedFirst) => (response, details, problems) =>
    {
        var range = response.Content.Headers.TryGetValues("Content-Range", out var content) ? content.FirstOrDefault()
            : response.Headers.TryGetValues("Content-Range", out var plain) ? plain.FirstOrDefault() : null;
        if (range is null)
        {
            problems.Add("no Content-Range header");
            return;
        }
        details["content_range"] = range;
        var slash = range.LastIndexOf('/');
        if (!long.TryParse(range[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var total))
        {
            problems.Add($"unreadable Content-Range '{range}'");
            return;
        }
        details["total"] = total;
        if (!expected(total)) problems.Add($"Content-Range total {total}, {expectation}");
        if (expectedFirst is { } first && !range.StartsWith($"items {first}-", StringComparison.Ordinal))
            problems.Add($"Content-Range '{range}' does not start at item {first}");
    };
}
