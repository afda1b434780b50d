using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace Roster.Querying;

/// <summary>One declared field of a resource: its name in RQL, where its value lives and what may be done with it.</summary>
internal abstract class RqlField<T>
{
    private protected RqlField(string name, Type valueType, Lookups lookups, bool orderable, bool searchable, bool isCollection)
    {
        Name = name;
        ValueType = valueType;
        Lookups = lookups;
        Orderable = orderable;
        Searchable = searchable;
        IsCollection = isCollection;
        RqlDeclaration.Check(this);
    }

    public string Name { get; }
    public Type ValueType { get; }
    public Lookups Lookups { get; }
    public bool Orderable { get; }
    public bool Searchable { get; }
    public bool IsCollection { get; }

    /// <summary>Names a client may write instead of a value, e.g. <c>member_invited</c> for the action number 1100.</summary>
    public IReadOnlyDictionary<string, object>? Names { get; init; }

    /// <summary>The ordering key, for orderable scalar fields.</summary>
    public abstract LambdaExpression? OrderKey { get; }

    /// <summary>Whether ordering must place nulls explicitly; decided from the type and, for strings, its annotation.</summary>
    public abstract bool CanBeNull { get; }

    /// <summary>Applies a test to the field's value in the row; for a collection, whether any element passes it.</summary>
    public abstract Expression Where(ParameterExpression row, Func<Expression, Expression> test);

    /// <summary>For a collection, the row's elements; null for a scalar.</summary>
    public virtual LambdaExpression? Items => null;

    /// <summary>Applies a test to the field's value in one element of <see cref="Items"/>.</summary>
    public virtual Expression OnElement(ParameterExpression element, Func<Expression, Expression> test) =>
        throw new InvalidOperationException($"RQL field '{Name}' is not a collection.");

    public abstract Expression Parameter(object? value);

    public abstract Expression ParameterList(IEnumerable<object?> values);
}

internal abstract class RqlField<T, TValue>(string name, Lookups lookups, bool orderable, bool searchable, bool isCollection)
    : RqlField<T>(name, typeof(TValue), lookups, orderable, searchable, isCollection)
{
    public override Expression Parameter(object? value) => RqlParameter<TValue>.Of((TValue)value!);

    public override Expression ParameterList(IEnumerable<object?> values)
    {
        var list = RqlParameter<List<TValue>>.Of([.. values.Select(v => (TValue)v!)]);
        return ListTranslation is { } translation ? Expression.Call(translation.MakeGenericMethod(typeof(List<TValue>)), list) : list;
    }

    /// <summary>
    /// Texts go as one list parameter, as every list does (the context's setting, see <see cref="Data.DataServices"/>);
    /// an enum's few members as constants, since they are its own spellings and never the caller's text.
    /// </summary>
    private static readonly MethodInfo? ListTranslation =
        (Nullable.GetUnderlyingType(typeof(TValue)) ?? typeof(TValue)).IsEnum ? typeof(EF).GetMethod(nameof(EF.Constant)) : null;
}

internal sealed class ScalarField<T, TValue>(string name, Expression<Func<T, TValue>> value, Lookups lookups, bool orderable, bool searchable)
    : RqlField<T, TValue>(name, lookups, orderable, searchable, isCollection: false)
{
    public override LambdaExpression? OrderKey => Orderable ? value : null;

    private readonly bool _canBeNull = Nullable.GetUnderlyingType(typeof(TValue)) is not null
        || (!typeof(TValue).IsValueType && (value.Body is not MemberExpression { Member: PropertyInfo property }
                                            || new NullabilityInfoContext().Create(property).ReadState != NullabilityState.NotNull));

    public override bool CanBeNull => _canBeNull;

    public override Expression Where(ParameterExpression row, Func<Expression, Expression> test) =>
        test(ParameterSwap.Body(value, row));
}

internal sealed class CollectionField<T, TItem, TValue>(
    string name, Expression<Func<T, IEnumerable<TItem>>> items, Expression<Func<TItem, TValue>> value, Lookups lookups, bool searchable)
    : RqlField<T, TValue>(name, lookups, orderable: false, searchable, isCollection: true)
{
    public override LambdaExpression? OrderKey => null;

    public override bool CanBeNull => true;

    public override LambdaExpression Items => items;

    public override Expression Where(ParameterExpression row, Func<Expression, Expression> test) =>
        Expression.Call(typeof(Enumerable), nameof(Enumerable.Any), [typeof(TItem)],
            ParameterSwap.Body(items, row),
            Expression.Lambda<Func<TItem, bool>>(test(value.Body), value.Parameters));

    public override Expression OnElement(ParameterExpression element, Func<Expression, Expression> test) =>
        test(ParameterSwap.Body(value, element));
}
