using Roster.Querying;

namespace Roster.Tests.Querying;

public sealed class RqlDeclarationTests
{
    [Fact]
    public void Field_LikeOnNumber_Throws() =>
        Should.Throw<ArgumentException>(() => new RqlResource<Person>().Field("age", p => p.Age, Lookups.Like));

    [Fact]
    public void Field_OrderedLookupOnText_Throws() =>
        Should.Throw<ArgumentException>(() => new RqlResource<Person>().Field("name", p => p.Name, Lookups.Gt));

    [Fact]
    public void Field_NullLookupOnValueThatCannotBeNull_Throws() =>
        Should.Throw<ArgumentException>(() => new RqlResource<Person>().Field("age", p => p.Age, Lookups.Null));

    [Fact]
    public void Field_SearchableNumber_Throws() =>
        Should.Throw<ArgumentException>(() => new RqlResource<Person>().Field("age", p => p.Age, Lookups.Eq, searchable: true));

    [Fact]
    public void Field_UnsupportedType_Throws() =>
        Should.Throw<ArgumentException>(() => new RqlResource<Person>().Field("tags", p => p.Tags, Lookups.Eq));

    [Fact]
    public void Field_InvalidName_Throws() =>
        Should.Throw<ArgumentException>(() => new RqlResource<Person>().Field("events..at", p => p.CreatedAt, Lookups.Eq));

    [Fact]
    public void Field_DeclaredTwice_Throws() =>
        Should.Throw<ArgumentException>(() => new RqlResource<Person>().Field("age", p => p.Age, Lookups.Eq).Field("age", p => p.Age, Lookups.Ne));

    [Fact]
    public void DefaultOrdering_FieldNotOrderable_Throws() =>
        Should.Throw<ArgumentException>(() => new RqlResource<Person>().Field("age", p => p.Age, Lookups.Eq).DefaultOrdering("age"));

    [Fact]
    public void Apply_ResourceWithoutKey_Throws() =>
        Should.Throw<InvalidOperationException>(() =>
            new RqlResource<Person>().Field("age", p => p.Age, Lookups.Eq).Apply(Array.Empty<Person>().AsQueryable(), RqlQuery.Empty, RqlDialect.Sqlite));
}
