using Roster.Querying;

namespace Roster.Tests.Querying;

public sealed class RqlParserTests
{
    private static string Filter(string raw)
    {
        var parsed = Rql.Parse(raw);
        parsed.Succeeded.ShouldBeTrue(parsed.Error?.Message);
        return parsed.ShouldSucceed().Filter?.ToString() ?? "";
    }

    [Theory]
    [InlineData("eq(status,active)", "eq(status,active)")]
    [InlineData("status=eq=active", "eq(status,active)")]
    [InlineData("status=active", "eq(status,active)")]
    [InlineData("ne(status,active)", "ne(status,active)")]
    [InlineData("status=ne=active", "ne(status,active)")]
    [InlineData("gt(age,1)", "gt(age,1)")]
    [InlineData("ge(age,1)", "ge(age,1)")]
    [InlineData("gte(age,1)", "ge(age,1)")]
    [InlineData("age=gte=1", "ge(age,1)")]
    [InlineData("lt(age,1)", "lt(age,1)")]
    [InlineData("le(age,1)", "le(age,1)")]
    [InlineData("lte(age,1)", "le(age,1)")]
    [InlineData("age=lte=1", "le(age,1)")]
    [InlineData("like(name,*x*)", "like(name,*x*)")]
    [InlineData("name=like=*x*", "like(name,*x*)")]
    [InlineData("ilike(name,x*)", "ilike(name,x*)")]
    [InlineData("name=ilike=x*", "ilike(name,x*)")]
    [InlineData("in(status,(invited,active))", "in(status,(invited,active))")]
    [InlineData("status=in=(invited,active)", "in(status,(invited,active))")]
    [InlineData("in(status,active)", "in(status,(active))")]
    [InlineData("out(status,(invited,active))", "out(status,(invited,active))")]
    [InlineData("status=out=(expired)", "out(status,(expired))")]
    public void Parse_EveryOperatorSpelling_GivesCanonicalFilter(string raw, string expected) =>
        Filter(raw).ShouldBe(expected);

    [Theory]
    [InlineData("and(eq(a,1),eq(b,2))", "and(eq(a,1),eq(b,2))")]
    [InlineData("or(eq(a,1),eq(b,2))", "or(eq(a,1),eq(b,2))")]
    [InlineData("not(eq(a,1))", "not(eq(a,1))")]
    [InlineData("a=1&b=2", "and(eq(a,1),eq(b,2))")]
    [InlineData("eq(a,1),eq(b,2)", "and(eq(a,1),eq(b,2))")]
    [InlineData("(a=1|b=2)", "or(eq(a,1),eq(b,2))")]
    [InlineData("(a=1;b=2)", "or(eq(a,1),eq(b,2))")]
    [InlineData("(a=1|b=2)&c=3", "and(or(eq(a,1),eq(b,2)),eq(c,3))")]
    [InlineData("(a=1&b=2|c=3)", "or(and(eq(a,1),eq(b,2)),eq(c,3))")]
    [InlineData("and(a=1|b=2,c=3)", "and(or(eq(a,1),eq(b,2)),eq(c,3))")]
    [InlineData("or(and(a=1,b=2),not(c=3))", "or(and(eq(a,1),eq(b,2)),not(eq(c,3)))")]
    [InlineData("eq(a,1)%26eq(b,2)", "and(eq(a,1),eq(b,2))")]
    public void Parse_LogicalCombinations_NestAsWritten(string raw, string expected) =>
        Filter(raw).ShouldBe(expected);

    [Theory]
    [InlineData("eq(name,\"a,b (c)\")", "a,b (c)")]
    [InlineData("eq(name,'a,b (c)')", "a,b (c)")]
    [InlineData("eq(name,'say \"hi\"')", "say \"hi\"")]
    [InlineData("eq(name,\"it's\")", "it's")]
    [InlineData("name=\"x|y&z\"", "x|y&z")]
    [InlineData("eq(name,John Smith)", "John Smith")]
    [InlineData("eq(name,O'Brien)", "O'Brien")]
    [InlineData("eq(name,John%20Smith)", "John Smith")]
    [InlineData("eq(name,%22a%2Cb%22)", "a,b")]
    [InlineData("eq(name,caf%C3%A9)", "café")]
    [InlineData("eq(at,2024-01-01T00:00:00+02:00)", "2024-01-01T00:00:00+02:00")]
    [InlineData("eq(at,2024-01-01T00:00:00%2B02:00)", "2024-01-01T00:00:00+02:00")]
    [InlineData(@"like(name,\*x*)", @"\*x*")]
    [InlineData("eq(name,\"null()\")", "null()")]
    [InlineData("eq(a,x=y)", "x=y")]
    public void Parse_Values_AreUnquotedAndDecoded(string raw, string expected)
    {
        var comparison = Rql.Parse(raw).ShouldSucceed().Filter.ShouldBeOfType<RqlComparison>();
        comparison.Value.ShouldBe(RqlValue.Of(expected));
    }

    [Fact]
    public void Parse_NullAndEmptyConstants_AreNotText()
    {
        Filter("eq(a,null())").ShouldBe("eq(a,null())");
        Filter("a=empty()").ShouldBe("eq(a,empty())");
        Filter("in(a,(x,null(),empty()))").ShouldBe("in(a,(x,null(),empty()))");
        Rql.Parse("eq(a,null())").ShouldSucceed().Filter.ShouldBeOfType<RqlComparison>().Value.Kind.ShouldBe(RqlValueKind.Null);
    }

    [Theory]
    [InlineData("eq(groups.name,admins)", "groups.name")]
    [InlineData("events.created.at=gt=2024-01-01", "events.created.at")]
    [InlineData("eq(stats.contracts_2,1)", "stats.contracts_2")]
    public void Parse_DottedPath_KeepsWholePath(string raw, string field) =>
        Rql.Parse(raw).ShouldSucceed().Filter.ShouldBeOfType<RqlComparison>().Field.ShouldBe(field);

    [Fact]
    public void Parse_LeadingQuestionMarkAndEmptyParts_AreIgnored()
    {
        Filter("?eq(a,1)&&limit=5&").ShouldBe("eq(a,1)");
        Rql.Parse("?").ShouldSucceed().Filter.ShouldBeNull();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Parse_NoQuery_GivesDefaults(string? raw)
    {
        var query = Rql.Parse(raw).ShouldSucceed();
        query.Filter.ShouldBeNull();
        query.Ordering.ShouldBeEmpty();
        query.Search.ShouldBeNull();
        query.Limit.ShouldBe(RqlPaging.DefaultLimit);
        query.Offset.ShouldBe(0);
        query.Select.ShouldBeSameAs(RqlSelect.None);
    }

    [Theory]
    [InlineData("ordering(-events.created.at,name)")]
    [InlineData("ordering=-events.created.at,name")]
    [InlineData("ordering(-events.created.at,+name)")]
    [InlineData("eq(a,1),ordering(-events.created.at,name)")]
    public void Parse_Ordering_GivesFieldsAndDirections(string raw) =>
        Rql.Parse(raw).ShouldSucceed().Ordering.ShouldBe([new RqlOrdering("events.created.at", true), new RqlOrdering("name", false)]);

    [Theory]
    [InlineData("select(stats,-events)")]
    [InlineData("select=stats,-events")]
    [InlineData("select(stats)&select(-events)")]
    public void Parse_Select_GivesIncludesAndExcludes(string raw)
    {
        var select = Rql.Parse(raw).ShouldSucceed().Select;
        select.Includes.ShouldBe(["stats"]);
        select.Excludes.ShouldBe(["events"]);
    }

    [Fact]
    public void Parse_ReservedKeys_FillPagingAndSearch()
    {
        var query = Rql.Parse("status=active&limit=10&offset=20&search=john%20doe").ShouldSucceed();
        (query.Limit, query.Offset, query.Search).ShouldBe((10, 20, "john doe"));
        query.Filter!.ToString().ShouldBe("eq(status,active)");
    }

    [Theory]
    [InlineData("search=a%26b", "a&b")]
    [InlineData("search=\"two words\"", "two words")]
    [InlineData("search=a+b", "a+b")]
    [InlineData("search=(x)", "(x)")]
    public void Parse_SearchTerm_IsTakenLiterally(string raw, string expected) =>
        Rql.Parse(raw).ShouldSucceed().Search.ShouldBe(expected);

    [Fact]
    public void Parse_BlankSearch_MeansNoSearch() =>
        Rql.Parse("search=").ShouldSucceed().Search.ShouldBeNull();
}
