namespace Roster.Tests.Querying;

[Collection(PeopleCollection.Name)]
public sealed class RqlFilterTests(PeopleDatabases databases) : PeopleQueries(databases)
{
    public static TheoryData<string> Providers => PeopleDatabases.Providers;

    [Theory, MemberData(nameof(Providers))]
    public void Filter_EqOnText_ReturnsExactMatchOnly(string provider) =>
        Ids(provider, "eq(name,bob%20jones)").ShouldBe(["p04"]);

    [Theory, MemberData(nameof(Providers))]
    public void Filter_EqIsCaseSensitive_OnBothProviders(string provider) =>
        Ids(provider, "name=alice%20smith").ShouldBe(["p01"]);

    [Theory, MemberData(nameof(Providers))]
    public void Filter_EnumInThreeSpellings_ReturnsSameRows(string provider)
    {
        string[] active = ["p01", "p04", "p05", "p08", "p09", "p10", "p13"];
        Ids(provider, "eq(status,active)").ShouldBe(active);
        Ids(provider, "status=eq=active").ShouldBe(active);
        Ids(provider, "status=active").ShouldBe(active);
    }

    [Theory, MemberData(nameof(Providers))]
    public void Filter_NeOnEnum_ReturnsTheOtherStatuses(string provider) =>
        Ids(provider, "ne(status,active)").ShouldBe(["p02", "p03", "p06", "p07", "p11", "p12"]);

    [Theory, MemberData(nameof(Providers))]
    public void Filter_InAndOutOnEnum_SplitTheRows(string provider)
    {
        Ids(provider, "in(status,(invited,expired))").ShouldBe(["p02", "p03", "p06", "p07", "p11", "p12"]);
        Ids(provider, "out(status,(invited,expired))").ShouldBe(["p01", "p04", "p05", "p08", "p09", "p10", "p13"]);
    }

    [Theory, MemberData(nameof(Providers))]
    public void Filter_LikeOnEnum_ExpandsOverMemberSpellings(string provider)
    {
        Ids(provider, "like(status,*ired)").ShouldBe(["p03", "p07"]);
        Ids(provider, "ilike(status,ACT*)").ShouldBe(["p01", "p04", "p05", "p08", "p09", "p10", "p13"]);
        Ids(provider, "like(status,ACT*)").ShouldBeEmpty();
    }

    [Theory, MemberData(nameof(Providers))]
    public void Filter_DateComparisons_UseTheInstantNotTheWrittenOffset(string provider)
    {
        // p03 was created at 2024-03-01T00:00+02:00, which is 2024-02-29T22:00Z.
        Ids(provider, "lt(events.created.at,2024-02-29T23:00:00+00:00)").ShouldBe(["p01", "p02", "p03", "p05"]);
        Ids(provider, "lt(events.created.at,2024-02-29T23:00:00%2B00:00)").ShouldBe(["p01", "p02", "p03", "p05"]);
        Ids(provider, "eq(events.created.at,2024-02-29T22:00:00Z)").ShouldBe(["p03"]);
        Ids(provider, "events.created.at=eq=2024-03-01T00:00:00+02:00").ShouldBe(["p03"]);
    }

    [Theory, MemberData(nameof(Providers))]
    public void Filter_DateRangeWithGteAndLte_IncludesBothEnds(string provider) =>
        Ids(provider, "gte(events.created.at,2024-04-01)&lte(events.created.at,2024-04-03T00:00:00Z)").ShouldBe(["p06", "p07", "p08"]);

    [Theory, MemberData(nameof(Providers))]
    public void Filter_GtAndGeOnNumbers_AreStrictAndInclusive(string provider)
    {
        Ids(provider, "gt(age,45)").ShouldBe(["p06", "p12"]);
        Ids(provider, "ge(age,45)").ShouldBe(["p06", "p09", "p12"]);
        Ids(provider, "le(age,22)").ShouldBe(["p05", "p11"]);
    }

    [Theory, MemberData(nameof(Providers))]
    public void Filter_OutOnNumbers_ExcludesListedValues(string provider) =>
        Ids(provider, "out(age,(30,19,22,25,27,33,35,38,41,45,52))").ShouldBe(["p12"]);

    [Theory, MemberData(nameof(Providers))]
    public void Filter_BoolAndGuid_MatchTypedValues(string provider)
    {
        Ids(provider, "admin=true").ShouldBe(["p01", "p05"]);
        Ids(provider, $"eq(ref,{PeopleData.BobRef})").ShouldBe(["p04"]);
    }

    [Theory, MemberData(nameof(Providers))]
    public void Filter_NullAndEmpty_AreDistinct(string provider)
    {
        Ids(provider, "eq(code,null())").ShouldBe(["p11"]);
        Ids(provider, "eq(code,empty())").ShouldBe(["p12"]);
        Ids(provider, "ne(code,null())").ShouldNotContain("p11");
        Ids(provider, "ne(code,null())").Length.ShouldBe(12);
    }

    [Theory, MemberData(nameof(Providers))]
    public void Filter_NeAndOut_KeepRowsWhoseValueIsNull(string provider)
    {
        Ids(provider, "ne(code,empty())").ShouldContain("p11");
        Ids(provider, "out(code,(abc,axb))").ShouldContain("p11");
    }

    [Theory, MemberData(nameof(Providers))]
    public void Filter_InWithNull_MatchesNullOrListed(string provider) =>
        Ids(provider, "in(code,(abc,null()))").ShouldBe(["p08", "p11"]);

    [Theory, MemberData(nameof(Providers))]
    public void Filter_NullOnNullableDate_FindsRowsNeverActivated(string provider) =>
        Ids(provider, "eq(events.activated.at,null())").ShouldBe(["p02", "p03", "p06", "p07", "p11", "p12"]);

    [Theory, MemberData(nameof(Providers))]
    public void Filter_ComparisonOnNullableDate_SkipsNulls(string provider)
    {
        Ids(provider, "gt(events.activated.at,2024-04-04T00:00:00Z)").ShouldBe(["p08", "p10"]);
        Ids(provider, "le(events.activated.at,2024-01-02)").ShouldBe(["p01", "p05"]);
    }

    [Theory, MemberData(nameof(Providers))]
    public void Filter_CollectionEq_MatchesAnyElement(string provider)
    {
        Ids(provider, "eq(tags.name,admin)").ShouldBe(["p01"]);
        Ids(provider, "ilike(tags.name,admin)").ShouldBe(["p01", "p04"]);
        Ids(provider, "in(tags.name,(ops,dev))").ShouldBe(["p01", "p02", "p05"]);
        Ids(provider, "like(tags.name,*p*)").ShouldBe(["p01", "p02"]);
    }

    [Theory, MemberData(nameof(Providers))]
    public void Filter_CollectionNe_MeansNoElementMatches(string provider) =>
        Ids(provider, "ne(tags.name,ops)").ShouldBe(["p03", "p04", "p05", "p06", "p07", "p08", "p09", "p10", "p11", "p12", "p13"]);

    [Theory, MemberData(nameof(Providers))]
    public void Filter_LogicalOperators_CombineAsWritten(string provider)
    {
        Ids(provider, "or(eq(age,19),eq(age,60))").ShouldBe(["p05", "p12"]);
        Ids(provider, "(age=19|age=60)&admin=true").ShouldBe(["p05"]);
        Ids(provider, "and(status=active,not(admin=false))").ShouldBe(["p01", "p05"]);
        Ids(provider, "status=invited,ge(age,50)").ShouldBe(["p06", "p12"]);
    }

    [Theory, MemberData(nameof(Providers))]
    public void Filter_AnyLookup_IsTranslatedToSqlWithParameters(string provider)
    {
        var sql = Sql(provider, "eq(status,active)&in(age,(30,45))&eq(tags.name,ops)");

        // ToQueryString lists parameter values in a header (".param set" on SQLite, "--" on PostgreSQL); the statement follows.
        var statement = string.Join('\n', sql.Split('\n').Where(line => !line.StartsWith(".param", StringComparison.Ordinal) && !line.StartsWith("--", StringComparison.Ordinal)));
        statement.ShouldContain("WHERE");
        statement.ShouldContain("EXISTS");
        statement.ShouldContain("@Value");
        statement.ShouldNotContain("active");
        statement.ShouldNotContain("ops");
    }
}
