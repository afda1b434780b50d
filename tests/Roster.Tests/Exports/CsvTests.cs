using Roster.Common;

namespace Roster.Tests.Exports;

public sealed class CsvTests
{
    [Theory]
    [InlineData("plain", "plain\r\n")]
    [InlineData("a,b", "\"a,b\"\r\n")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"\r\n")]
    [InlineData("two\nlines", "\"two\nlines\"\r\n")]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"\r\n")]
    [InlineData("+1", "'+1\r\n")]
    [InlineData("-1", "'-1\r\n")]
    [InlineData("@sum", "'@sum\r\n")]
    [InlineData("", "\r\n")]
    public void Line_QuotesWhatMustBeQuoted_AndDefusesFormulas(string field, string expected) =>
        Csv.Line([field]).ShouldBe(expected);

    [Fact]
    public void Line_SeparatesFields_AndWritesNullAsEmpty() =>
        Csv.Line(["a", null, "c"]).ShouldBe("a,,c\r\n");
}
