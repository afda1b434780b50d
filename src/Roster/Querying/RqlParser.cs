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
            "t" => ParseTupleParts(field: null),
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

    private RqlNode? ParseComparison(RqlOperator op)
    {
        var field = ReadPath("a field name");
        if (field is null || !Expect(',')) return null;
        return ParseOperand(field, op);
    }

    /// <summary>What follows <c>field=op=</c> or <c>op(field,</c>: a value, or a tuple about the field's elements.</summary>
    private RqlNode? ParseOperand(string field, RqlOperator op)
    {
        if (!AtTuple) return ReadValue() is { } value ? new RqlComparison(field, op, value) : null;
        if (op is not (RqlOperator.Eq or RqlOperator.Ne)) return Fail("t(...) goes with eq or ne");
        _pos++;
        if (!Enter()) return null;
        _pos++;
        var tuple = ParseTupleParts(field);
        if (tuple is null || !Leave()) return null;
        return op == RqlOperator.Eq ? tuple : new RqlNot(tuple);
    }

    private bool AtTuple => At('t') && _pos + 1 < _text.Length && _text[_pos + 1] == '(';

    // The parts are comparisons (lib-rql's comp and searching), possibly tuples themselves; no and/or/not inside.
    private RqlTuple? ParseTupleParts(string? field)
    {
        var parts = new List<RqlNode>();
        do
        {
            var start = _pos;
            var part = ParseTerm();
            if (part is null) return null;
            if (part is not (RqlComparison or RqlTuple or RqlNot { Operand: RqlTuple }))
            {
                FailAt(start, "t(...) holds comparisons such as name=x, not and/or/not or lists");
                return null;
            }

            parts.Add(part);
        }
        while (TryConsume(','));

        return new RqlTuple(field, parts);
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
            return ParseOperand(field, op);
        }

        _pos = afterField;
        return ParseOperand(field, RqlOperator.Eq);
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
