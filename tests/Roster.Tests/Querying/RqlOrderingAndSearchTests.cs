using Roster.Querying;

namespace Roster.Tests.Querying;

[Collection(PeopleCollection.Name)]
public sealed class RqlOrderingAndSearchTests(PeopleDatabases databases) : PeopleQueries(databases)
{
    public static TheoryData<string> Providers => PeopleDatabases.Providers;

    [Theory, MemberData(nameof(Providers))]
    public void Ordering_Ascending_BreaksTiesByKey(string provider) =>
        Ids(provider, "ordering(age)").ShouldBe(["p05", "p11", "p02", "p08", "p01", "p04", "p07", "p13", "p10", "p03", "p09", "p06", "p12"]);

    [Theory, MemberData(nameof(Providers))]
    public void Ordering_Descending_StillBreaksTiesByAscendingKey(string provider) =>
        Ids(provider, "ordering(-age)").ShouldBe(["p12", "p06", "p09", "p03", "p10", "p13", "p07", "p01", "p04", "p08", "p02", "p11", "p05"]);

    [Theory, MemberData(nameof(Providers))]
    public void Ordering_SeveralFields_AppliesThemInTurn(string provider) =>
        Ids(provider, "status=invited&ordering(status,-events.created.at)").ShouldBe(["p12", "p11", "p06", "p02"]);

    [Theory, MemberData(nameof(Providers))]
    public void Ordering_NullableAscending_PutsNullsLast(string provider) =>
        Ids(provider, "ordering=events.activated.at").ShouldBe(["p05", "p01", "p04", "p13", "p09", "p08", "p10", "p02", "p03", "p06", "p07", "p11", "p12"]);

    [Theory, MemberData(nameof(Providers))]
    public void Ordering_NullableDescending_PutsNullsFirst(string provider) =>
        Ids(provider, "ordering(-events.activated.at)").ShouldBe(["p02", "p03", "p06", "p07", "p11", "p12", "p10", "p08", "p09", "p13", "p04", "p01", "p05"]);

    [Theory, MemberData(nameof(Providers))]
    public void Ordering_None_UsesDefaultOrdering(string provider)
    {
        var newestFirst = new RqlResource<Person>()
            .Field("events.created.at", p => p.CreatedAt, Lookups.None, orderable: true)
            .Field("admin", p => p.IsAdmin, Lookups.Equality)
            .Key(p => p.Id)
            .DefaultOrdering("-events.created.at");
        Ids(provider, "admin=true", newestFirst).ShouldBe(["p01", "p05"]);
        Ids(provider, "ordering(events.created.at)&admin=true", newestFirst).ShouldBe(["p05", "p01"]);
    }

    // Rows are inserted in key order, so ties would come back in key order even without a tiebreak: check the SQL too.
    [Theory, MemberData(nameof(Providers))]
    public void Ordering_AnyField_EndsWithKeyTiebreakInSql(string provider) =>
        Sql(provider, "ordering(-age)").ShouldMatch(@"ORDER BY \S+""Age"" DESC, \S+""Id""\s*$");

    [Theory, MemberData(nameof(Providers))]
    public void Search_Term_MatchesSearchableFieldsIgnoringCase(string provider)
    {
        Ids(provider, "search=ALICE").ShouldBe(["p01", "p02", "p03"]);
        Ids(provider, "search=sure").ShouldBe(["p03", "p04"]);
    }

    [Theory, MemberData(nameof(Providers))]
    public void Search_SqlWildcardCharacters_AreLiteral(string provider)
    {
        Ids(provider, "search=100%25").ShouldBe(["p03"]);
        Ids(provider, "search=a_b").ShouldBe(["p05"]);
    }

    [Theory, MemberData(nameof(Providers))]
    public void Search_WithFilter_MustSatisfyBoth(string provider) =>
        Ids(provider, "search=alice&status=invited").ShouldBe(["p02"]);

    [Theory, MemberData(nameof(Providers))]
    public void Search_ListWithoutSearchableFields_IsRejected(string provider)
    {
        var unsearchable = new RqlResource<Person>().Field("age", p => p.Age, Lookups.Eq).Key(p => p.Id);
        Failure(provider, "search=x", unsearchable).Code.ShouldBe(RqlErrors.LookupNotAllowed);
    }

    [Theory, MemberData(nameof(Providers))]
    public void Paging_AfterApply_ReturnsTheRequestedWindow(string provider)
    {
        using var db = Databases.Open(provider);
        var query = Rql.Parse("ordering(age)&limit=3&offset=2").ShouldSucceed();
        var ordered = Resource.Apply(db.People, query, PeopleDatabases.Dialect(provider)).ShouldSucceed();
        RqlPaging.Page(ordered, query).Select(p => p.Id).ToArray().ShouldBe(["p02", "p08", "p01"]);
    }
}
