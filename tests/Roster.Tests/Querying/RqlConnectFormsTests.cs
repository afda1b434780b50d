using Roster.Querying;

namespace Roster.Tests.Querying;

/// <summary>
/// The forms Connect's clients send that a plain reading of RQL misses: search with wildcards, inside or() and
/// repeated, lib-rql's t(...) tuples, an empty like pattern and the null lookup on a collection.
/// </summary>
[Collection(PeopleCollection.Name)]
public sealed class RqlConnectFormsTests(PeopleDatabases databases) : PeopleQueries(databases)
{
    public static TheoryData<string> Providers => PeopleDatabases.Providers;

    private static readonly RqlResource<Person> WithTagIds = Resource.Copy()
        .Collection("tags.id", p => p.Tags, t => t.Id, Lookups.Equality | Lookups.Lists);

    [Theory, MemberData(nameof(Providers))]
    public void Search_StarInsideTheTerm_IsAWildcard(string provider)
    {
        Ids(provider, "search=al*th").ShouldBe(["p01"]);
        Ids(provider, "search=*ice*").ShouldBe(["p01", "p02", "p03"]);
        Ids(provider, "search=ALI*").ShouldBe(["p01", "p02", "p03"]);
    }

    [Theory, MemberData(nameof(Providers))]
    public void Search_EscapedStar_IsLiteral(string provider) =>
        Ids(provider, @"search=r\*").ShouldBe(["p01"]);

    [Theory, MemberData(nameof(Providers))]
    public void Search_InsideOr_MatchesEitherSide(string provider) =>
        Ids(provider, "or(search=cooper,eq(status,expired))").ShouldBe(["p02", "p03", "p07"]);

    [Theory, MemberData(nameof(Providers))]
    public void Search_Repeated_MustMatchEveryTerm(string provider) =>
        Ids(provider, "search=alice&search=may").ShouldBe(["p03"]);

    [Theory, MemberData(nameof(Providers))]
    public void Search_Negated_ExcludesTheMatches(string provider) =>
        Ids(provider, "not(search=alice)&status=expired").ShouldBe(["p07"]);

    [Theory, MemberData(nameof(Providers))]
    public void Search_WithAnotherLookupThanEq_IsRefused(string provider) =>
        Failure(provider, "ne(search,alice)").Code.ShouldBe(RqlErrors.LookupNotAllowed);

    [Theory, MemberData(nameof(Providers))]
    public void Tuple_OnACollection_NeedsOneElementToMatchEveryPart(string provider)
    {
        using var db = Databases.Open(provider);
        var aliceAdmin = db.People.Where(p => p.Id == "p01").SelectMany(p => p.Tags).Single(t => t.Name == "admin").Id;

        Ids(provider, $"tags.name=ops&tags.id={aliceAdmin}", WithTagIds).ShouldBe(["p01"]);
        Ids(provider, $"tags=t(name=ops,id={aliceAdmin})", WithTagIds).ShouldBeEmpty();
        Ids(provider, $"tags=t(name=admin,id={aliceAdmin})", WithTagIds).ShouldBe(["p01"]);
        Ids(provider, $"eq(tags,t(like(name,a*),eq(id,{aliceAdmin})))", WithTagIds).ShouldBe(["p01"]);
    }

    [Theory, MemberData(nameof(Providers))]
    public void Tuple_Negated_ExcludesRowsWithAMatchingElement(string provider) =>
        Ids(provider, "tags=ne=t(name=ops)&tags.name=in=(admin,ops,dev)").ShouldBe(["p05"]);

    [Theory, MemberData(nameof(Providers))]
    public void Tuple_AtTheTopLevel_MeansAnd(string provider) =>
        Ids(provider, "t(name=ilike=*alice*,status=invited)").ShouldBe(["p02"]);

    [Theory, MemberData(nameof(Providers))]
    public void Tuple_OnScalarFields_MeansAnd(string provider) =>
        Ids(provider, "events=t(created.at=ge=2024-04-05T00:00:00Z,activated.at=null())").ShouldBe(["p11", "p12"]);

    [Theory]
    [InlineData("tags=gt=t(name=ops)", "t(...) goes with eq or ne")]
    [InlineData("t(or(a=1,b=2))", "t(...) holds comparisons")]
    [InlineData("t()", "expected a field name")]
    public void Tuple_Malformed_FailsWithReason(string raw, string reason)
    {
        var error = Rql.Parse(raw).ShouldFail();
        error.Code.ShouldBe(RqlErrors.Syntax);
        error.Message.ShouldContain(reason);
    }

    [Theory, MemberData(nameof(Providers))]
    public void Tuple_WithSearch_IsRefused(string provider) =>
        Failure(provider, "tags=t(search=x)").Code.ShouldBe(RqlErrors.LookupNotAllowed);

    [Theory, MemberData(nameof(Providers))]
    public void Like_EmptyPattern_MatchesOnlyTheEmptyValue(string provider)
    {
        Ids(provider, "like(code,\"\")").ShouldBe(["p12"]);
        Ids(provider, "ilike(code,empty())").ShouldBe(["p12"]);
        Ids(provider, "like(name,\"\")").ShouldBeEmpty();
    }

    [Theory, MemberData(nameof(Providers))]
    public void NullLookup_OnACollection_MeansNoElements(string provider)
    {
        var tags = Resource.Copy().Collection("tags.label", p => p.Tags, t => t.Name, Lookups.Equality | Lookups.Null);
        Ids(provider, "tags.label=null()", tags).ShouldBe(["p03", "p06", "p07", "p08", "p09", "p10", "p11", "p12", "p13"]);
        Ids(provider, "ne(tags.label,null())", tags).ShouldBe(["p01", "p02", "p04", "p05"]);
    }
}
