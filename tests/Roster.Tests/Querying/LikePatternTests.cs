using Roster.Querying;

namespace Roster.Tests.Querying;

public sealed class LikePatternTests
{
    [Theory]
    [InlineData("*x*", "%x%", "*x*")]
    [InlineData("x*", "x%", "x*")]
    [InlineData(@"a\*b", "a*b", "a[*]b")]
    [InlineData(@"a\\b", @"a\\b", @"a\b")]
    [InlineData(@"a\b", @"a\\b", @"a\b")]
    [InlineData("100%_", @"100\%\_", "100%_")]
    [InlineData("a?[b]", "a?[b]", "a[?][[]b]")]
    [InlineData("**x", "%x", "*x")]
    public void Render_Pattern_EscapesLiteralsPerSyntax(string rql, string like, string glob)
    {
        var pattern = LikePattern.Parse(rql);
        pattern.ToLike().ShouldBe(like);
        pattern.ToGlob().ShouldBe(glob);
    }

    [Theory]
    [InlineData("act*", "active", false, true)]
    [InlineData("ACT*", "active", false, false)]
    [InlineData("ACT*", "active", true, true)]
    [InlineData("*v*", "invited", false, true)]
    [InlineData("v*", "invited", false, false)]
    [InlineData("a.c", "abc", false, false)]
    public void Matches_Candidate_FollowsWildcardsAndCase(string rql, string candidate, bool ignoreCase, bool expected) =>
        LikePattern.Parse(rql).Matches(candidate, ignoreCase).ShouldBe(expected);

    [Theory]
    [InlineData("ada", "%ada%")]
    [InlineData("ada*", "%ada%")]
    [InlineData("*ov*ce", "%ov%ce%")]
    [InlineData("100%", @"%100\%%")]
    [InlineData(@"r\*", "%r*%")]
    public void Search_Term_MatchesAnywhereWithItsStarsAsWildcards(string term, string like) =>
        LikePattern.Search(term).ToLike().ShouldBe(like);
}
