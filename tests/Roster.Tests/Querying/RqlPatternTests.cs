namespace Roster.Tests.Querying;

[Collection(PeopleCollection.Name)]
public sealed class RqlPatternTests(PeopleDatabases databases) : PeopleQueries(databases)
{
    public static TheoryData<string> Providers => PeopleDatabases.Providers;

    [Theory, MemberData(nameof(Providers))]
    public void Like_DifferentCase_DoesNotMatch(string provider)
    {
        Ids(provider, "like(name,alice*)").ShouldBe(["p01"]);
        Ids(provider, "name=like=*ALICE*").ShouldBe(["p03"]);
    }

    [Theory, MemberData(nameof(Providers))]
    public void ILike_DifferentCase_Matches(string provider)
    {
        Ids(provider, "ilike(name,alice*)").ShouldBe(["p01", "p02", "p03"]);
        Ids(provider, "name=ilike=*COOPER").ShouldBe(["p02"]);
    }

    [Theory, MemberData(nameof(Providers))]
    public void Like_WithoutWildcard_MatchesWholeValue(string provider) =>
        Ids(provider, "like(name,eve)").ShouldBe(["p07"]);

    [Theory, MemberData(nameof(Providers))]
    public void Like_EscapedStar_MatchesLiteralStar(string provider)
    {
        Ids(provider, @"like(code,star\*)").ShouldBe(["p01"]);
        Ids(provider, @"ilike(code,STAR\*)").ShouldBe(["p01"]);
        Ids(provider, "like(code,star*)").ShouldBe(["p01", "p02"]);
    }

    [Theory, MemberData(nameof(Providers))]
    public void Like_PercentInValue_IsLiteral(string provider)
    {
        Ids(provider, "like(code,100%25*)").ShouldBe(["p03"]);
        Ids(provider, "ilike(code,100%25*)").ShouldBe(["p03"]);
    }

    [Theory, MemberData(nameof(Providers))]
    public void Like_UnderscoreInValue_IsLiteral(string provider)
    {
        Ids(provider, "like(code,a_b)").ShouldBe(["p05"]);
        Ids(provider, "ilike(code,A_B)").ShouldBe(["p05"]);
    }

    [Theory, MemberData(nameof(Providers))]
    public void Like_GlobMetacharactersInValue_AreLiteral(string provider)
    {
        Ids(provider, "like(code,a?c)").ShouldBe(["p07"]);
        Ids(provider, "like(code,[x]y)").ShouldBe(["p09"]);
        Ids(provider, "like(code,*]*)").ShouldBe(["p09"]);
    }

    [Theory, MemberData(nameof(Providers))]
    public void Like_EscapedBackslash_MatchesLiteralBackslash(string provider)
    {
        Ids(provider, @"like(code,back\\slash)").ShouldBe(["p10"]);
        Ids(provider, @"ilike(code,*K\\S*)").ShouldBe(["p10"]);
    }

    [Theory, MemberData(nameof(Providers))]
    public void Like_QuotedPatternWithParenthesesAndComma_MatchesLiterally(string provider) =>
        Ids(provider, "like(name,\"*(admin), *\")").ShouldBe(["p05"]);

    [Theory, MemberData(nameof(Providers))]
    public void Like_OnEachProvider_UsesItsCaseSensitiveOperator(string provider)
    {
        var sql = Sql(provider, "like(name,*x*)");
        if (provider == PeopleDatabases.Sqlite) sql.ShouldContain(" GLOB ");
        else sql.ShouldContain(" LIKE ");
        sql.ShouldNotContain("ILIKE");
    }

    [Theory, MemberData(nameof(Providers))]
    public void ILike_OnEachProvider_UsesItsCaseInsensitiveOperator(string provider)
    {
        var sql = Sql(provider, "ilike(name,*x*)");
        sql.ShouldContain(provider == PeopleDatabases.Sqlite ? " LIKE " : " ILIKE ");
        sql.ShouldContain("ESCAPE");
    }
}
