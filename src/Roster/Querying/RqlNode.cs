namespace Roster.Querying;

/// <summary>
/// A node of a parsed RQL filter. <see cref="object.ToString"/> renders canonical RQL, so a parsed query can be
/// logged, compared in tests, or sent back to Connect unchanged in meaning.
/// </summary>
public abstract record RqlNode;

public sealed record RqlAnd(IReadOnlyList<RqlNode> Operands) : RqlNode
{
    public override string ToString() => $"and({string.Join(',', Operands)})";
}

public sealed record RqlOr(IReadOnlyList<RqlNode> Operands) : RqlNode
{
    public override string ToString() => $"or({string.Join(',', Operands)})";
}

public sealed record RqlNot(RqlNode Operand) : RqlNode
{
    public override string ToString() => $"not({Operand})";
}

/// <summary><c>eq ne gt ge lt le like ilike</c> on one field; <c>gte</c> and <c>lte</c> arrive as Ge and Le.</summary>
public sealed record RqlComparison(string Field, RqlOperator Operator, RqlValue Value) : RqlNode
{
    public override string ToString() => $"{Operator.ToString().ToLowerInvariant()}({Field},{Value})";
}

/// <summary><c>in(field,(a,b))</c>, or <c>out(...)</c> when <paramref name="Negated"/>.</summary>
public sealed record RqlIn(string Field, IReadOnlyList<RqlValue> Values, bool Negated) : RqlNode
{
    public override string ToString() => $"{(Negated ? "out" : "in")}({Field},({string.Join(',', Values)}))";
}

/// <summary>
/// lib-rql's tuple: <c>tags=t(name=ops,id=7)</c> asks for one element of <c>tags</c> that passes every part, and a
/// tuple without a <paramref name="Field"/> (<c>t(a=1,b=2)</c>) is a plain and. Parts name fields relative to
/// <paramref name="Field"/>.
/// </summary>
public sealed record RqlTuple(string? Field, IReadOnlyList<RqlNode> Parts) : RqlNode
{
    public override string ToString() => Field is null ? $"t({string.Join(',', Parts)})" : $"eq({Field},t({string.Join(',', Parts)}))";
}

public enum RqlOperator
{
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
    Like,
    ILike,
}

public enum RqlValueKind
{
    Text,
    Null,
    Empty,
}

/// <summary>
/// A value as written: text (quotes removed, like-pattern escapes such as <c>\*</c> kept for the pattern reader),
/// or the constants <c>null()</c> and <c>empty()</c>. Typing happens against a field's declaration, not here.
/// </summary>
public readonly record struct RqlValue(RqlValueKind Kind, string Text)
{
    public static RqlValue Null { get; } = new(RqlValueKind.Null, "");
    public static RqlValue Empty { get; } = new(RqlValueKind.Empty, "");

    public static RqlValue Of(string text) => new(RqlValueKind.Text, text);

    public override string ToString() => Kind switch
    {
        RqlValueKind.Null => "null()",
        RqlValueKind.Empty => "empty()",
        _ when !NeedsQuotes(Text) => Text,
        _ when Text.Contains('"') => $"'{Text}'",
        _ => $"\"{Text}\"",
    };

    private static bool NeedsQuotes(string text) =>
        text.Length == 0 || text is "null()" or "empty()" || text[0] is '"' or '\''
        || text.Any(c => char.IsWhiteSpace(c) || c is ',' or '(' or ')' or '&' or '|' or ';' or '=');
}

/// <summary>ordering()/select() found while parsing; lifted out of the filter before anyone else sees it.</summary>
internal sealed record RqlDirective(string Name, IReadOnlyList<RqlOrdering> Items) : RqlNode;
