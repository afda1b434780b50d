using System.Linq.Expressions;
using Roster.Common;

namespace Roster.Querying;

/// <summary>
/// Translates a parsed filter into a predicate over one row, against a resource's declared fields.
/// Negative lookups (ne, out, not) negate the positive test, so on a collection they mean "no element matches".
/// </summary>
internal sealed class RqlFilter<T>(IReadOnlyDictionary<string, RqlField<T>> fields, RqlDialect dialect, ParameterExpression row)
{
    public Result<Expression> Translate(RqlNode node) => node switch
    {
        RqlAnd and => Combine(and.Operands, Expression.AndAlso),
        RqlOr or => Combine(or.Operands, Expression.OrElse),
        RqlNot not => Negate(not.Operand),
        RqlComparison comparison => Compare(comparison),
        RqlIn list => Among(list),
        _ => RqlErrors.SyntaxOf($"'{node}' is not a filter"),
    };

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
            return Positive(op == RqlOperator.Eq, field.Where(row, v => Expression.Equal(v, Expression.Constant(null, v.Type))));
        }

        var typed = Typed(field, value);
        if (!typed.Succeeded) return typed.Error;
        var parameter = field.Parameter(typed.Value);
        return op switch
        {
            RqlOperator.Eq => field.Where(row, v => Expression.Equal(v, parameter)),
            RqlOperator.Ne => Expression.Not(field.Where(row, v => Expression.Equal(v, parameter))),
            RqlOperator.Gt => field.Where(row, v => Expression.GreaterThan(v, parameter)),
            RqlOperator.Ge => field.Where(row, v => Expression.GreaterThanOrEqual(v, parameter)),
            RqlOperator.Lt => field.Where(row, v => Expression.LessThan(v, parameter)),
            _ => field.Where(row, v => Expression.LessThanOrEqual(v, parameter)),
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
        return Positive(!list.Negated, field.Where(row, v => OneOf(v, values, hasNull)));
    }

    private Result<Expression> Match(RqlField<T> field, RqlValue value, bool ignoreCase)
    {
        if (value.Kind != RqlValueKind.Text || value.Text.Length == 0)
            return RqlErrors.Value(field.Name, value.ToString(), "a pattern such as *text*");
        var pattern = LikePattern.Parse(value.Text);
        var type = RqlValues.Underlying(field.ValueType);
        if (!type.IsEnum) return field.Where(row, v => dialect.Like(v, pattern, ignoreCase));

        // An enum has few spellings: match them here and send an IN list, whatever the column's storage.
        var members = RqlValues.Spellings(type).Where(s => pattern.Matches(s.Key, ignoreCase)).Select(s => s.Value).ToList();
        if (members.Count == 0) return Expression.Constant(false);
        var parameter = field.ParameterList(members);
        return field.Where(row, v => OneOf(v, parameter, hasNull: false));
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
        if (!fields.TryGetValue(name, out var field)) return RqlErrors.Unknown(name, fields.Keys);
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
