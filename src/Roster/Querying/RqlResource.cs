using System.Linq.Expressions;
using Roster.Common;

namespace Roster.Querying;

/// <summary>
/// What one list lets clients filter, search and order by, declared once per resource, and the translation of an
/// <see cref="RqlQuery"/> into LINQ that EF Core turns into SQL.
/// </summary>
public sealed class RqlResource<T>
{
    private readonly Dictionary<string, RqlField<T>> _fields = new(StringComparer.Ordinal);
    private readonly List<LambdaExpression> _keys = [];
    private IReadOnlyList<RqlOrdering> _defaultOrdering = [];

    public RqlResource<T> Field<TValue>(
        string name, Expression<Func<T, TValue>> value, Lookups lookups, bool orderable = false, bool searchable = false,
        IReadOnlyDictionary<string, TValue>? names = null) =>
        Add(new ScalarField<T, TValue>(name, value, lookups, orderable, searchable)
        {
            Names = names?.ToDictionary(
                n => n.Key, n => (object?)n.Value ?? throw new ArgumentException($"The name {n.Key} stands for no value.", nameof(names)),
                StringComparer.Ordinal),
        });

    /// <summary>A value inside a collection; a filter on it matches rows where any element matches.</summary>
    public RqlResource<T> Collection<TItem, TValue>(
        string name, Expression<Func<T, IEnumerable<TItem>>> items, Expression<Func<TItem, TValue>> value, Lookups lookups, bool searchable = false) =>
        Add(new CollectionField<T, TItem, TValue>(name, items, value, lookups, searchable));

    /// <summary>
    /// A copy to declare more fields on, for lists whose extra fields are built per context (they read other tables
    /// through it), so the fields declared once are not declared again for every context.
    /// </summary>
    public RqlResource<T> Copy()
    {
        var copy = new RqlResource<T> { _defaultOrdering = _defaultOrdering };
        foreach (var (name, field) in _fields) copy._fields.Add(name, field);
        copy._keys.AddRange(_keys);
        return copy;
    }

    /// <summary>A unique key (or part of one) appended to every ordering, so equal rows never swap between pages.</summary>
    public RqlResource<T> Key<TKey>(Expression<Func<T, TKey>> key)
    {
        _keys.Add(key);
        return this;
    }

    /// <summary>The ordering when the client sends none, e.g. <c>DefaultOrdering("-events.created.at")</c>.</summary>
    public RqlResource<T> DefaultOrdering(params string[] fields)
    {
        var ordering = fields.Select(f => f.StartsWith('-') ? new RqlOrdering(f[1..], true) : new RqlOrdering(f, false)).ToList();
        var wrong = ordering.FirstOrDefault(o => _fields.GetValueOrDefault(o.Field)?.OrderKey is null);
        if (wrong.Field is not null) throw new ArgumentException($"Default ordering field '{wrong.Field}' is not declared orderable.", nameof(fields));
        _defaultOrdering = ordering;
        return this;
    }

    /// <summary>Whether <paramref name="ordering"/> sorts as the default does: none asked for, or the default spelled out.</summary>
    internal bool IsDefaultOrdering(IReadOnlyList<RqlOrdering> ordering) => ordering.Count == 0 || ordering.SequenceEqual(_defaultOrdering);

    /// <summary>Adds the filter, search and ordering of <paramref name="query"/> to <paramref name="source"/>; paging is separate.</summary>
    public Result<IQueryable<T>> Apply(IQueryable<T> source, RqlQuery query, RqlDialect dialect)
    {
        var filtered = Filter(source, query, dialect);
        if (!filtered.Succeeded) return filtered;
        var keys = SortKeys(query);
        return keys.Succeeded ? Result<IQueryable<T>>.Ok(Sort(filtered.Value, keys.Value)) : keys.Error;
    }

    /// <summary>The filter and search of <paramref name="query"/> alone, for readers that order and page by themselves.</summary>
    internal Result<IQueryable<T>> Filter(IQueryable<T> source, RqlQuery query, RqlDialect dialect)
    {
        if (_keys.Count == 0) throw new InvalidOperationException($"The RQL resource for {typeof(T).Name} declares no Key().");
        var row = Expression.Parameter(typeof(T), "row");
        var predicate = Predicate(row, query, dialect);
        if (!predicate.Succeeded) return predicate.Error;
        return Result<IQueryable<T>>.Ok(predicate.Value is { } where ? source.Where(Expression.Lambda<Func<T, bool>>(where, row)) : source);
    }

    /// <summary>
    /// Every key the rows are sorted by, first key first: the requested (or default) ordering, each nullable field
    /// preceded by whether it is null, then the resource's unique key.
    /// </summary>
    internal Result<IReadOnlyList<RqlSortKey>> SortKeys(RqlQuery query)
    {
        var keys = new List<RqlSortKey>();
        foreach (var (name, descending) in query.Ordering.Count > 0 ? query.Ordering : _defaultOrdering)
        {
            if (!_fields.TryGetValue(name, out var field)) return RqlErrors.Unknown(name, OrderableNames());
            if (field.OrderKey is not { } key) return RqlErrors.Ordering(name, OrderableNames());

            // Nulls sort as PostgreSQL sorts them (last ascending, first descending) on every provider.
            if (field.CanBeNull) keys.Add(new RqlSortKey(NullFlag(key), descending, IsNullFlag: true));
            keys.Add(new RqlSortKey(key, descending));
        }

        keys.AddRange(_keys.Select(key => new RqlSortKey(key, Descending: false)));
        return Result<IReadOnlyList<RqlSortKey>>.Ok(keys);
    }

    internal static IQueryable<T> Sort(IQueryable<T> source, IReadOnlyList<RqlSortKey> keys)
    {
        var ordered = source;
        for (var i = 0; i < keys.Count; i++)
        {
            var (key, descending, _) = keys[i];
            var method = (i == 0, descending) switch
            {
                (true, false) => nameof(Queryable.OrderBy),
                (true, true) => nameof(Queryable.OrderByDescending),
                (false, false) => nameof(Queryable.ThenBy),
                _ => nameof(Queryable.ThenByDescending),
            };
            ordered = ordered.Provider.CreateQuery<T>(
                Expression.Call(typeof(Queryable), method, [typeof(T), key.ReturnType], ordered.Expression, Expression.Quote(key)));
        }
        return ordered;
    }

    private Result<Expression?> Predicate(ParameterExpression row, RqlQuery query, RqlDialect dialect)
    {
        var filter = new RqlFilter<T>(_fields, dialect, row);
        Expression? where = null;
        if (query.Filter is not null)
        {
            var translated = filter.Translate(query.Filter);
            if (!translated.Succeeded) return translated.Error;
            where = translated.Value;
        }

        if (query.Search is null) return where;
        var search = filter.Search(query.Search);
        if (!search.Succeeded) return search.Error;
        return where is null ? search.Value : Expression.AndAlso(where, search.Value);
    }

    private static LambdaExpression NullFlag(LambdaExpression key) =>
        Expression.Lambda(Expression.Equal(key.Body, Expression.Constant(null, key.ReturnType)), key.Parameters);

    private IEnumerable<string> OrderableNames() => _fields.Values.Where(f => f.OrderKey is not null).Select(f => f.Name);

    private RqlResource<T> Add(RqlField<T> field)
    {
        if (!_fields.TryAdd(field.Name, field)) throw new ArgumentException($"RQL field '{field.Name}' is declared twice.", nameof(field));
        return this;
    }
}

/// <summary>One key rows are sorted by: a field's value, or whether it is null (<paramref name="IsNullFlag"/>).</summary>
internal readonly record struct RqlSortKey(LambdaExpression Key, bool Descending, bool IsNullFlag = false);
