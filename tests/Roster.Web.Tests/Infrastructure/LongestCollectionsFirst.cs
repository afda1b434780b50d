using Xunit;
using Xunit.Abstractions;

[assembly: TestCollectionOrderer("Roster.Web.Tests.Infrastructure.LongestCollectionsFirst", "Roster.Web.Tests")]

namespace Roster.Web.Tests.Infrastructure;

/// <summary>
/// Starts the browser collections first. They are the longest by far (their tests run one after another), so
/// started last they would run alone at the end while the other test thread has nothing left to do.
/// </summary>
public sealed class LongestCollectionsFirst : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => c.DisplayName.StartsWith("Browser", StringComparison.Ordinal) ? 0 : 1);
}
