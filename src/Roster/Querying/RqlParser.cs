using Roster.Common;

namespace Roster.Querying;

/// <summary>
/// A recursive-descent parser for one decoded component, e.g. <c>and(eq(a,1),(b=2|c=like=x*))</c>.
/// '&amp;' and ',' mean and (',' separates arguments inside a call); '|' and ';' mean or, binding looser than and,
/// and only inside parentheses or call arguments.
/// Failures are recorded, not thrown: the first one wins and every method then returns null.
/// </summary>
internal sealed partial class RqlParser
{
    private static readonly Dictionary<string, RqlOperator> Operators = new(StringComparer.Ordinal)
    {
        ["eq"] = RqlOperator.Eq, ["ne"] = RqlOperator.Ne,
        ["gt"] = RqlOperator.Gt, ["ge"] = RqlOperator.Ge, ["gte"] = RqlOperator.Ge,
        ["lt"] = RqlOperator.Lt, ["le"] = RqlOperator.Le, ["lte"] = RqlOperator.Le,
        ["like"] = RqlOperator.Like, ["ilike"] = RqlOperator.ILike,
    };

    private readonly string _text;
    private int _pos;
    private int _depth;
    private Error? _error;

    private RqlParser(string text) => _text = text;

    public static Result<RqlNode> ParseFilter(string text)
    {
        // As in lib-rql, '|' needs parentheses at the top level, where a literal '&' already split the components
        // and so binds loosest; inside parentheses and binds tighter than or, as usual.
        var parser = new RqlParser(text);
        var node = parser.ParseAnd(commaIsAnd: true);
        if (node is not null && parser.At('|', ';')) parser.Fail($"unexpected '{parser.Current}': write alternatives inside parentheses, as in (a=1|b=2)");
        if (node is not null && !parser.AtEnd) parser.Fail($"unexpected '{parser.Current}'");
        return parser._error is { } error ? error : node!;
    }

    /// <summary>The <c>-a,b</c> of <c>ordering=-a,b</c> and <c>select=a,-b</c>.</summary>
    public static Result<IReadOnlyList<RqlOrdering>> ParseSignedList(string text)
    {
        var parser = new RqlParser(text);
        var items = parser.ReadSignedPaths();
        if (items is not null && !parser.AtEnd) parser.Record(parser._pos, $"unexpected '{parser.Current}'");
        return parser._error is { } error ? error : Result<IReadOnlyList<RqlOrdering>>.Ok(items!);
    }

    private RqlNode? ParseOr(bool commaIsAnd)
    {
        var first = ParseAnd(commaIsAnd);
        if (first is null || !At('|', ';')) return first;
        var operands = new List<RqlNode> { first };
        while (At('|', ';'))
        {
            _pos++;
            var next = ParseAnd(commaIsAnd);
            if (next is null) return null;
            operands.Add(next);
        }

        return new RqlOr(operands);
    }

    private RqlNode? ParseAnd(bool commaIsAnd)
    {
        var first = ParseTerm();
        if (first is null || !(At('&') || (commaIsAnd && At(',')))) return first;
        var operands = new List<RqlNode> { first };
        while (At('&') || (commaIsAnd && At(',')))
        {
            _pos++;
            var next = ParseTerm();
            if (next is null) return null;
            operands.Add(next);
        }

        return new RqlAnd(operands);
    }

    private RqlNode? ParseTerm()
    {
        if (At('('))
        {
            if (!Enter()) return null;
            _pos++;
            var inner = ParseOr(commaIsAnd: true);
            return inner is not null && Leave() ? inner : null;
        }

        var start = _pos;
        var name = ReadPath("a field name or an operator");
        if (name is null) return null;
        if (At('(')) return ParseCall(name, start);
        if (At('=')) return ParseShorthand(name);
        return Fail(AtEnd ? $"expected '(' or '=' after '{name}' but the query ended" : $"unexpected '{Current}' after '{name}'");
    }

    private RqlNode? ParseCall(string name, int start)
    {
        if (!Enter()) return null;
        _pos++;
        RqlNode? node = name switch
        {
            "and" or "or" => ParseLogical(name == "and"),
            "not" => ParseNot(),
            "in" or "out" => ParseIn(name == "out"),
            "ordering" or "select" => ParseDirective(name),
            "null" or "empty" => FailAt(start, $"{name}() is a value, not a filter"),
            _ when Operators.TryGetValue(name, out var op) => ParseComparison(op),
            _ => FailAt(start, $"unknown operator '{name}'"),
        };
        return node is not null && Leave() ? node : null;
    }

    private RqlNode? ParseLogical(bool isAnd)
    {
        var operands = new List<RqlNode>();
        do
        {
            var operand = ParseOr(commaIsAnd: false);
            if (operand is null) return null;
            operands.Add(operand);
        }
        while (TryConsume(','));

        return isAnd ? new RqlAnd(operands) : new RqlOr(operands);
    }

    private RqlNot? ParseNot()
    {
        var operand = ParseOr(commaIsAnd: false);
        return operand is null ? null : new RqlNot(operand);
    }

    private RqlComparison? ParseComparison(RqlOperator op)
    {
        var field = ReadPath("a field name");
        if (field is null || !Expect(',')) return null;
        return ReadValue() is { } value ? new RqlComparison(field, op, value) : null;
    }

    private RqlIn? ParseIn(bool negated)
    {
        var field = ReadPath("a field name");
        if (field is null || !Expect(',')) return null;
        return ReadValueList() is { } values ? new RqlIn(field, values, negated) : null;
    }

    private RqlDirective? ParseDirective(string name)
    {
        if (At(')')) return new RqlDirective(name, []);
        return ReadSignedPaths() is { } items ? new RqlDirective(name, items) : null;
    }

    // status=active, status=eq=active, name=like=*x*, status=in=(a,b)
    private RqlNode? ParseShorthand(string field)
    {
        _pos++;
        var afterField = _pos;
        var candidate = ReadWord();
        if (candidate.Length > 0 && At('='))
        {
            _pos++;
            if (candidate is "in" or "out")
                return ReadValueList() is { } values ? new RqlIn(field, values, candidate == "out") : null;
            if (!Operators.TryGetValue(candidate, out var op))
                return FailAt(afterField, $"unknown operator '{candidate}' (quote values that contain '=')");
            return ReadValue() is { } operand ? new RqlComparison(field, op, operand) : null;
        }

        _pos = afterField;
        return ReadValue() is { } value ? new RqlComparison(field, RqlOperator.Eq, value) : null;
    }

    private bool Enter()
    {
        if (++_depth <= Rql.MaxDepth) return true;
        Fail($"the query nests deeper than {Rql.MaxDepth} levels");
        return false;
    }

    private bool Leave()
    {
        _depth--;
        return Expect(')');
    }
}
