using System.Linq.Expressions;
using Roster.Common;

namespace Roster.Querying;

/// <summary>
/// Translates a parsed filter into a predicate over one row, against a resource's declared fields.
/// Negative lookups (ne, out, not) negate the positive test, so on a collection they mean "no element matches".
/// Inside a tuple on a collection the tests apply to one element, so every part must hold for the same element.
/// </summary>
internal sealed class RqlFilter<T>
{
    private readonly IReadOnlyDictionary<string, RqlField<T>> _fields;
    private readonly RqlDialect _dialect;
    private readonly ParameterExpression _row;
    private readonly ParameterExpression? _element;

    public RqlFilter(IReadOnlyDictionary<string, RqlField<T>> fields, RqlDialect dialect, ParameterExpression row)
    {
        _fields = fields;
        _dialect = dialect;
        _row = row;
    }

    private RqlFilter(RqlFilter<T> outer, ParameterExpression element)
        : this(outer._fields, outer._dialect, outer._row) => _element = element;

    public Result<Expression> Translate(RqlNode node) => node switch
    {
        RqlAnd and => Combine(and.Operands, Expression.AndAlso),
        RqlOr or => Combine(or.Operands, Expression.OrElse),
        RqlNot not => Negate(not.Operand),
        RqlComparison { Field: Rql.SearchField } search when !_fields.ContainsKey(Rql.SearchField) => Searched(search),
        RqlComparison comparison => Compare(comparison),
        RqlIn list => Among(list),
        RqlTuple tuple => Together(tuple),
        _ => RqlErrors.SyntaxOf($"'{node}' is not a filter"),
    };

    /// <summary><c>search=term</c>: a case-insensitive match of the term's pattern on any searchable field.</summary>
    public Result<Expression> Search(string term)
    {
        var searchable = _fields.Values.Where(f => f.Searchable).ToList();
        if (searchable.Count == 0) return new Error(RqlErrors.LookupNotAllowed, "This list does not support search.", Field: Rql.SearchField);
        var pattern = LikePattern.Search(term);
        return searchable.Select(f => f.Where(_row, v => _dialect.Like(v, pattern, ignoreCase: true))).Aggregate(Expression.OrElse);
    }

    private Result<Expression> Searched(RqlComparison search)
    {
        if (_element is not null) return SearchMisused("search applies to whole rows, so it cannot go inside t(...)");
        if (search.Operator != RqlOperator.Eq || search.Value.Kind == RqlValueKind.Null)
            return SearchMisused("search takes one term, as in search=text");
        return search.Value.Kind == RqlValueKind.Empty || string.IsNullOrWhiteSpace(search.Value.Text)
            ? Expression.Constant(true)
            : Search(search.Value.Text);
    }

    private static Error SearchMisused(string problem) => new(RqlErrors.LookupNotAllowed, $"The query uses search wrongly: {problem}.", Field: Rql.SearchField);

    /// <summary>
    /// A tuple without a field is a plain and. A tuple on a collection (<c>groups=t(id=x,name=y)</c>) asks for one
    /// element passing every part; on scalar fields (<c>events=t(created.at=gt=..)</c>) it is an and again.
    /// </summary>
    private Result<Expression> Together(RqlTuple tuple)
    {
        if (tuple.Field is null) return Combine(tuple.Parts, Expression.AndAlso);
        if (tuple.Parts.Any(p => p is RqlComparison { Field: Rql.SearchField })) return SearchMisused("search applies to whole rows, so it cannot go inside t(...)");
        var parts = tuple.Parts.Select(p => Prefixed(p, tuple.Field)).ToList();
        var fields = parts.OfType<RqlComparison>().Select(c => _fields.GetValueOrDefault(c.Field)).ToList();
        var items = fields.Select(f => f?.Items is { } lambda ? ParameterSwap.Body(lambda, _row) : null).ToList();
        if (_element is not null || items.Count == 0 || items.Any(i => i is null) || items.Select(i => i!.ToString()).Distinct().Count() > 1)
            return Combine(parts, Expression.AndAlso);

        var collection = items[0]!;
        var element = Expression.Parameter(collection.Type.GetGenericArguments()[0], "element");
        var each = new RqlFilter<T>(this, element).Combine(parts, Expression.AndAlso);
        if (!each.Succeeded) return each;
        return Expression.Call(typeof(Enumerable), nameof(Enumerable.Any), [element.Type], collection, Expression.Lambda(each.Value, element));
    }

    private static RqlNode Prefixed(RqlNode part, string prefix) => part switch
    {
        RqlComparison c => c with { Field = $"{prefix}.{c.Field}" },
        RqlTuple t => t with { Field = t.Field is null ? prefix : $"{prefix}.{t.Field}" },
        RqlNot n => new RqlNot(Prefixed(n.Operand, prefix)),
        _ => part,
    };

    private Expression Where(RqlField<T> field, Func<Expression, Expression> test) =>
        _element is null ? field.Where(_row, test) : field.OnElement(_element, test);

    private Result<Expression> Negate(RqlNode operand)
    {
        var inner = Translate(operand);
        return inner.Succeeded ? Expression.Not(inner.Value) : inner;
    }

    private Result<Expression> Combine(IReadOnlyList<RqlNode> operands, Func<Expression, Expression, BinaryExpression> join)
    {
        Expression? combined = null;
        foreach (var operand in operands)
        {
            var translated = Translate(operand);
            if (!translated.Succeeded) return translated;
            combined = combined is null ? translated.Value : join(combined, translated.Value);
        }

        return combined!;
    }

    private MethodCallExpression HasElements(RqlField<T> field)
    {
        var items = ParameterSwap.Body(field.Items!, _row);
        return Expression.Call(typeof(Enumerable), nameof(Enumerable.Any), [items.Type.GetGenericArguments()[0]], items);
    }

    private Result<Expression> Compare(RqlComparison comparison)
    {
        var (op, value) = (comparison.Operator, comparison.Value);
        var lookup = value.Kind == RqlValueKind.Null ? Lookups.Null : LookupNames.Of(op);
        var resolved = Resolve(comparison.Field, lookup, LookupNames.Name(LookupNames.Of(op)));
        if (!resolved.Succeeded) return resolved.Error;
        var field = resolved.Value;

        if (op is RqlOperator.Like or RqlOperator.ILike) return Match(field, value, op == RqlOperator.ILike);
        if (value.Kind == RqlValueKind.Null)
        {
            if (op is not (RqlOperator.Eq or RqlOperator.Ne)) return RqlErrors.Value(field.Name, "null()", "a value; null() only goes with eq and ne");
            if (field.IsCollection && _element is null) return Positive(op == RqlOperator.Ne, HasElements(field));
            return Positive(op == RqlOperator.Eq, Where(field, v => Expression.Equal(v, Expression.Constant(null, v.Type))));
        }

        var typed = Typed(field, value);
        if (!typed.Succeeded) return typed.Error;
        var parameter = field.Parameter(typed.Value);
        return op switch
        {
            RqlOperator.Eq => Where(field, v => Expression.Equal(v, parameter)),
            RqlOperator.Ne => Expression.Not(Where(field, v => Expression.Equal(v, parameter))),
            RqlOperator.Gt => Where(field, v => Expression.GreaterThan(v, parameter)),
            RqlOperator.Ge => Where(field, v => Expression.GreaterThanOrEqual(v, parameter)),
            RqlOperator.Lt => Where(field, v => Expression.LessThan(v, parameter)),
            _ => Where(field, v => Expression.LessThanOrEqual(v, parameter)),
        };
    }

    private Result<Expression> Among(RqlIn list)
    {
        var lookup = list.Negated ? Lookups.Out : Lookups.In;
        var resolved = Resolve(list.Field, lookup, LookupNames.Name(lookup));
        if (!resolved.Succeeded) return resolved.Error;
        var field = resolved.Value;

        var hasNull = list.Values.Any(v => v.Kind == RqlValueKind.Null);
        if (hasNull && !field.Lookups.HasFlag(Lookups.Null)) return RqlErrors.Lookup(field.Name, "null", field.Lookups);
        var typed = new List<object?>();
        foreach (var value in list.Values.Where(v => v.Kind != RqlValueKind.Null))
        {
            var parsed = Typed(field, value);
            if (!parsed.Succeeded) return parsed.Error;
            typed.Add(parsed.Value);
        }

        var values = typed.Count > 0 ? field.ParameterList(typed) : null;
        return Positive(!list.Negated, Where(field, v => OneOf(v, values, hasNull)));
    }

    private Result<Expression> Match(RqlField<T> field, RqlValue value, bool ignoreCase)
    {
        // An empty pattern matches the empty value only, as in SQL.
        if (value.Kind == RqlValueKind.Null) return RqlErrors.Value(field.Name, value.ToString(), "a pattern such as *text*");
        var pattern = LikePattern.Parse(value.Text);
        var type = RqlValues.Underlying(field.ValueType);
        if (!type.IsEnum) return Where(field, v => _dialect.Like(v, pattern, ignoreCase));

        // An enum has few spellings: match them here and send an IN list, whatever the column's storage.
        var members = RqlValues.Spellings(type).Where(s => pattern.Matches(s.Key, ignoreCase)).Select(s => s.Value).ToList();
        if (members.Count == 0) return Expression.Constant(false);
        var parameter = field.ParameterList(members);
        return Where(field, v => OneOf(v, parameter, hasNull: false));
    }

    private static Expression OneOf(Expression value, Expression? list, bool hasNull)
    {
        var contained = list is null ? null : Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [value.Type], list, value);
        if (!hasNull) return contained!;
        var isNull = Expression.Equal(value, Expression.Constant(null, value.Type));
        return contained is null ? isNull : Expression.OrElse(isNull, contained);
    }

    private static Expression Positive(bool positive, Expression test) => positive ? test : Expression.Not(test);

    private Result<RqlField<T>> Resolve(string name, Lookups lookup, string lookupName)
    {
        if (name == Rql.SearchField && !_fields.ContainsKey(name)) return SearchMisused("search takes one term, as in search=text");
        if (!_fields.TryGetValue(name, out var field)) return RqlErrors.Unknown(name, _fields.Keys);
        return field.Lookups.HasFlag(lookup) ? field : RqlErrors.Lookup(name, lookup == Lookups.Null ? "null" : lookupName, field.Lookups);
    }

    // Explicit Ok/Fail: with T = object? an Error would otherwise convert implicitly into a successful value.
    private static Result<object?> Typed(RqlField<T> field, RqlValue value)
    {
        if (value.Kind == RqlValueKind.Empty)
        {
            return field.ValueType == typeof(string)
                ? Result<object?>.Ok("")
                : Result<object?>.Fail(RqlErrors.Value(field.Name, "empty()", RqlValues.Expected(field.ValueType)));
        }

        if (field.Names?.GetValueOrDefault(value.Text) is { } named) return Result<object?>.Ok(named);
        if (RqlValues.TryParse(field.ValueType, value.Text, out var typed)) return Result<object?>.Ok(typed);
        var expected = RqlValues.Expected(field.ValueType);
        if (field.Names is { Count: > 0 } names) expected += $" or a name such as {names.Keys.First()}";
        return Result<object?>.Fail(RqlErrors.Value(field.Name, value.Text, expected));
    }
}
