using Xunit;
using Xunit.Abstractions;

[assembly: TestCollectionOrderer("Roster.Web.Tests.Infrastructure.LongestCollectionsFirst", "Roster.Web.Tests")]

namespace Roster.Web.Tests.Infrastructure;

/// <summary>
/// Starts the longest collections first: the browser collections (their tests run one after another), then the
/// operations tests, each of which starts nodes or processes of its own and takes from 10 s to over a minute. Started
/// last, either would run alone at the end while the other test thread has nothing left to do; the many short
/// classes fill in behind them instead.
/// </summary>
public sealed class LongestCollectionsFirst : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(Rank);

    private static int Rank(ITestCollection collection) =>
        collection.DisplayName.StartsWith("Browser", StringComparison.Ordinal) ? 0
        : collection.DisplayName.Contains(".Operations.", StringComparison.Ordinal) ? 1
        : 2;
}
