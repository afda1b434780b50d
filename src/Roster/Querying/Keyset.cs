using System.Linq.Expressions;
using System.Reflection;

namespace Roster.Querying;

/// <summary>
/// The rows that come after a given row in an ordering, as a predicate SQL can answer from the ordering's index:
/// <c>k1 &gt; v1 OR (k1 = v1 AND (k2 &gt; v2 OR ...))</c>, each comparison turned for a descending key. The ordering
/// ends with a unique key, so "after" leaves out exactly the rows already read, whatever was inserted or deleted since.
/// </summary>
internal sealed class Keyset<T>
{
    private static readonly MethodInfo CompareStrings = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;

    private readonly IReadOnlyList<RqlSortKey> _keys;
    private readonly Func<T, object?>[] _values;

    public Keyset(IReadOnlyList<RqlSortKey> keys)
    {
        _keys = keys;
        _values = [.. keys.Select(k => Expression.Lambda<Func<T, object?>>(Expression.Convert(k.Key.Body, typeof(object)), k.Key.Parameters).Compile())];
    }

    public Expression<Func<T, bool>> After(T last)
    {
        var row = Expression.Parameter(typeof(T), "row");
        Expression after = Expression.Constant(false);
        for (var i = _keys.Count - 1; i >= 0; i--)
        {
            var column = ParameterSwap.Body(_keys[i].Key, row);
            var value = _values[i](last);
            var beyond = Beyond(column, value, _keys[i].Descending);
            after = i == _keys.Count - 1
                ? beyond
                : Expression.OrElse(beyond, Expression.AndAlso(Same(column, value), after));
        }

        // Says again what the first comparison implies, as a range the database can seek to in its index: PostgreSQL
        // reads "k1 > v1 OR k1 = v1" as a filter over the whole account, but "k1 >= v1" as where to start.
        var first = ParameterSwap.Body(_keys[0].Key, row);
        var start = _values[0](last);
        if (first.Type != typeof(bool) && start is not null)
            after = Expression.AndAlso(FromHere(first, start, _keys[0].Descending), after);
        return Expression.Lambda<Func<T, bool>>(after, row);
    }

    /// <summary>The column's value is <paramref name="value"/> or sorts after it, as one comparison where the type allows.</summary>
    private static BinaryExpression FromHere(Expression column, object value, bool descending)
    {
        if (RqlValues.Underlying(column.Type) is { IsEnum: true }) return Expression.OrElse(Beyond(column, value, descending), Same(column, value));
        var parameter = Parameter(column.Type, value);
        if (column.Type == typeof(string))
        {
            var compared = Expression.Call(CompareStrings, column, parameter);
            return descending ? Expression.LessThanOrEqual(compared, Expression.Constant(0)) : Expression.GreaterThanOrEqual(compared, Expression.Constant(0));
        }
        return descending ? Expression.LessThanOrEqual(column, parameter) : Expression.GreaterThanOrEqual(column, parameter);
    }

    /// <summary>The column's value sorts after <paramref name="value"/>; nothing sorts after a null within its null group.</summary>
    private static Expression Beyond(Expression column, object? value, bool descending)
    {
        if (value is null) return Expression.Constant(false);
        if (column.Type == typeof(bool))
            return (bool)value == descending ? Expression.Equal(column, Expression.Constant(!descending)) : Expression.Constant(false);
        if (RqlValues.Underlying(column.Type) is { IsEnum: true } enumType)
        {
            var order = StoredOrder(enumType);
            var at = order.IndexOf(value);
            return AnyOf(column, descending ? order.Take(at) : order.Skip(at + 1));
        }
        var parameter = Parameter(column.Type, value);
        if (column.Type == typeof(string))
        {
            var compared = Expression.Call(CompareStrings, column, parameter);
            return descending ? Expression.LessThan(compared, Expression.Constant(0)) : Expression.GreaterThan(compared, Expression.Constant(0));
        }
        return descending ? Expression.LessThan(column, parameter) : Expression.GreaterThan(column, parameter);
    }

    /// <summary>
    /// Roster stores every enum as its lower-case name (RosterDbContext's LowerCase converter), so its column sorts
    /// by those names; the values that sort after one are then known here and asked for by equality.
    /// </summary>
    private static List<object> StoredOrder(Type type) =>
        [.. Enum.GetValues(type).Cast<object>().OrderBy(v => v.ToString()!.ToLowerInvariant(), StringComparer.Ordinal)];

    private static Expression AnyOf(Expression column, IEnumerable<object> values) =>
        values.Aggregate((Expression)Expression.Constant(false), (any, v) => Expression.OrElse(any, Expression.Equal(column, Parameter(column.Type, v))));

    private static BinaryExpression Same(Expression column, object? value) =>
        value is null ? Expression.Equal(column, Expression.Constant(null, column.Type))
        : column.Type == typeof(bool) ? Expression.Equal(column, Expression.Constant(value))
        : Expression.Equal(column, Parameter(column.Type, value));

    /// <summary>Read through a member, as <see cref="RqlParameter{TValue}"/> does, so EF Core sends a parameter and reuses its plan.</summary>
    private static MemberExpression Parameter(Type type, object value) =>
        Expression.Property(Expression.Constant(Activator.CreateInstance(typeof(RqlParameter<>).MakeGenericType(type), value)), "Value");
}
