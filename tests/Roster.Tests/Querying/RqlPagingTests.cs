using Roster.Querying;

namespace Roster.Tests.Querying;

public sealed class RqlPagingTests
{
    [Theory]
    [InlineData("limit=0", 0)]
    [InlineData("limit=1", 1)]
    [InlineData("limit=1000", 1000)]
    [InlineData("limit=1001", 1000)]
    [InlineData("limit=99999999999999999999999", 1000)]
    [InlineData("offset=5", 100)]
    public void Parse_Limit_IsKeptWithinBounds(string raw, int expected) =>
        Rql.Parse(raw).ShouldSucceed().Limit.ShouldBe(expected);

    [Fact]
    public void Parse_Offset_IsKept() =>
        Rql.Parse("offset=250").ShouldSucceed().Offset.ShouldBe(250);

    [Theory]
    [InlineData(0, 100, 250, "items 0-99/250")]
    [InlineData(200, 50, 250, "items 200-249/250")]
    [InlineData(0, 1, 1, "items 0-0/1")]
    [InlineData(0, 0, 0, "items 0-0/0")]
    [InlineData(0, 0, 250, "items 0-0/250")]
    [InlineData(300, 0, 250, "items 300-300/250")]
    [InlineData(300, 0, 0, "items 0-0/0")]
    public void ContentRange_PageOfTotal_UsesZeroBasedInclusivePositions(int offset, int count, long total, string expected) =>
        RqlPaging.ContentRange(offset, count, total).ShouldBe(expected);

    [Fact]
    public void Page_OffsetAndLimit_SkipAndTake()
    {
        var query = Rql.Parse("limit=2&offset=3").ShouldSucceed();
        RqlPaging.Page(Enumerable.Range(0, 10).AsQueryable(), query).ToArray().ShouldBe([3, 4]);
    }

    [Fact]
    public void Page_LimitZero_TakesNothing() =>
        RqlPaging.Page(Enumerable.Range(0, 10).AsQueryable(), Rql.Parse("limit=0").ShouldSucceed()).ShouldBeEmpty();
}
