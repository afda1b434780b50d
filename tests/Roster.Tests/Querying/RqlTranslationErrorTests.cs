using Roster.Common;
using Roster.Querying;

namespace Roster.Tests.Querying;

[Collection(PeopleCollection.Name)]
public sealed class RqlTranslationErrorTests(PeopleDatabases databases) : PeopleQueries(databases)
{
    public static TheoryData<string> Providers => PeopleDatabases.Providers;

    [Theory, MemberData(nameof(Providers))]
    public void Apply_UnknownField_FailsNamingTheField(string provider)
    {
        var error = Failure(provider, "eq(nickname,x)");
        error.Code.ShouldBe(RqlErrors.UnknownField);
        error.Kind.ShouldBe(ErrorKind.Validation);
        error.Field.ShouldBe("nickname");
        error.Message.ShouldContain("'nickname'");
    }

    [Theory, MemberData(nameof(Providers))]
    public void Apply_LookupTheFieldDoesNotAllow_FailsListingAllowedLookups(string provider)
    {
        var error = Failure(provider, "gt(name,m)");
        error.Code.ShouldBe(RqlErrors.LookupNotAllowed);
        error.Message.ShouldContain("'gt'");
        error.Message.ShouldContain("eq, ne, in, out, like, ilike");
        Failure(provider, "like(age,3*)").Code.ShouldBe(RqlErrors.LookupNotAllowed);
        Failure(provider, "out(ref,(x))").Code.ShouldBe(RqlErrors.LookupNotAllowed);
    }

    [Theory, MemberData(nameof(Providers))]
    public void Apply_NullOnFieldWithoutNullLookup_Fails(string provider)
    {
        Failure(provider, "eq(name,null())").Code.ShouldBe(RqlErrors.LookupNotAllowed);
        Failure(provider, "in(name,(a,null()))").Code.ShouldBe(RqlErrors.LookupNotAllowed);
    }

    [Theory, MemberData(nameof(Providers))]
    public void Apply_UnknownEnumSpelling_FailsListingTheSpellings(string provider)
    {
        var error = Failure(provider, "eq(status,Active)");
        error.Code.ShouldBe(RqlErrors.BadValue);
        error.Message.ShouldContain("invited, active, expired");
        Failure(provider, "in(status,(active,gone))").Code.ShouldBe(RqlErrors.BadValue);
        Failure(provider, "eq(status,1)").Code.ShouldBe(RqlErrors.BadValue);
    }

    [Theory]
    [InlineData("eq(events.created.at,yesterday)")]
    [InlineData("eq(events.created.at,2024-13-01)")]
    [InlineData("eq(events.created.at,01/02/2024)")]
    [InlineData("eq(age,thirty)")]
    [InlineData("eq(age,1.5)")]
    [InlineData("eq(admin,yes)")]
    [InlineData("eq(ref,not-a-uuid)")]
    [InlineData("eq(age,empty())")]
    [InlineData("gt(events.activated.at,null())")]
    public void Apply_ValueOfWrongShape_FailsAsBadValue(string rql)
    {
        foreach (var provider in PeopleDatabases.ProviderNames)
            Failure(provider, rql).Code.ShouldBe(RqlErrors.BadValue, rql);
    }

    [Theory, MemberData(nameof(Providers))]
    public void Apply_OrderingByFieldNotOrderable_Fails(string provider)
    {
        Failure(provider, "ordering(code)").Code.ShouldBe(RqlErrors.NotOrderable);
        Failure(provider, "ordering(tags.name)").Code.ShouldBe(RqlErrors.NotOrderable);
        Failure(provider, "ordering(-nope)").Code.ShouldBe(RqlErrors.UnknownField);
    }
}
