using Roster.Common;
using Roster.Querying;

namespace Roster.Tests.Querying;

public sealed class RqlParserErrorTests
{
    private static Error Failure(string raw)
    {
        var parsed = Rql.Parse(raw);
        parsed.Succeeded.ShouldBeFalse($"'{raw}' should not parse but gave {parsed.Value?.Filter}");
        parsed.ShouldFail().Kind.ShouldBe(ErrorKind.Validation);
        return parsed.Error;
    }

    [Theory]
    [InlineData("eq(a,1", "expected ')' but the query ended")]
    [InlineData("eq(a,1))", "unexpected ')'")]
    [InlineData("and(eq(a,1)", "expected ')'")]
    [InlineData("(a=1|b=2", "expected ')'")]
    [InlineData("foo(a,1)", "unknown operator 'foo'")]
    [InlineData("a=foo=1", "unknown operator 'foo'")]
    [InlineData("eq(,1)", "expected a field name but found ','")]
    [InlineData("=1", "expected a field name or an operator")]
    [InlineData("eq(a..b,1)", "'a..b' is not a valid field name")]
    [InlineData("eq(a,1)junk", "unexpected 'j'")]
    [InlineData("eq(a,1) ", "unexpected ' '")]
    [InlineData("eq(a,)", "expected a value")]
    [InlineData("eq(a)", "expected ','")]
    [InlineData("eq(a,1,2)", "expected ')' but found ','")]
    [InlineData("eq(a,\"x)", "never closed")]
    [InlineData("eq(a,b(c))", "expected ')' but found '('")]
    [InlineData("in(a,())", "expected a value")]
    [InlineData("status", "expected '(' or '='")]
    [InlineData("a=1|b=2", "unexpected '|'")]
    [InlineData("null()", "null() is a value")]
    [InlineData("or(ordering(a),b=1)", "ordering() may only be combined")]
    [InlineData("ordering(a)&ordering(b)", "'ordering' is given more than once")]
    [InlineData("ordering(a..b)", "not a valid field name")]
    public void Parse_BadSyntax_FailsWithSyntaxCodeAndReason(string raw, string reason)
    {
        var error = Failure(raw);
        error.Code.ShouldBe(RqlErrors.Syntax);
        error.Message.ShouldContain(reason);
    }

    [Fact]
    public void Parse_BadSyntax_NamesThePosition() =>
        Failure("eq(a,1").Message.ShouldContain("at position 7 of 'eq(a,1'");

    [Fact]
    public void Parse_NestingDeeperThanLimit_FailsWithSyntax()
    {
        static string Nest(int depth) => string.Concat(Enumerable.Repeat("not(", depth - 1)) + "eq(a,1)" + new string(')', depth - 1);
        Rql.Parse(Nest(Rql.MaxDepth)).Succeeded.ShouldBeTrue();
        var error = Failure(Nest(Rql.MaxDepth + 1));
        error.Code.ShouldBe(RqlErrors.Syntax);
        error.Message.ShouldContain("deeper than 32");
    }

    [Fact]
    public void Parse_GroupingDeeperThanLimit_FailsWithSyntax() =>
        Failure(new string('(', 1000) + "a=1" + new string(')', 1000)).Code.ShouldBe(RqlErrors.Syntax);

    [Fact]
    public void Parse_QueryLongerThanLimit_FailsWithSyntax()
    {
        var value = new string('x', Rql.MaxQueryLength);
        Rql.Parse("a=" + value[..^2]).Succeeded.ShouldBeTrue();
        var error = Failure("a=" + value);
        error.Code.ShouldBe(RqlErrors.Syntax);
        error.Message.ShouldContain("limit is 8192");
    }

    [Fact]
    public void Parse_InListLongerThanLimit_FailsWithSyntax()
    {
        static string In(int count) => $"in(a,({string.Join(',', Enumerable.Range(0, count))}))";
        Rql.Parse(In(Rql.MaxListLength)).Succeeded.ShouldBeTrue();
        Failure(In(Rql.MaxListLength + 1)).Message.ShouldContain("at most 500 values");
    }

    [Theory]
    [InlineData("limit=abc")]
    [InlineData("limit=-1")]
    [InlineData("limit=")]
    [InlineData("limit=1.5")]
    [InlineData("limit=+5")]
    [InlineData("offset=-10")]
    [InlineData("offset=x")]
    [InlineData("offset=99999999999")]
    [InlineData("limit=1&limit=2")]
    public void Parse_BadPaging_FailsWithPagingCode(string raw)
    {
        var error = Failure(raw);
        error.Code.ShouldBe(RqlErrors.BadPaging);
        error.Field.ShouldBeOneOf("limit", "offset");
    }
}
