namespace Roster.Querying;

/// <summary>Everything a list request asked for: filter, search, ordering, select and paging.</summary>
public sealed record RqlQuery
{
    public static RqlQuery Empty { get; } = new();

    /// <summary>The filter, or null when the request filters nothing.</summary>
    public RqlNode? Filter { get; init; }

    /// <summary>Requested ordering, first key first; empty means the resource's default.</summary>
    public IReadOnlyList<RqlOrdering> Ordering { get; init; } = [];

    public RqlSelect Select { get; init; } = RqlSelect.None;

    /// <summary>
    /// The first top-level <c>search=</c> term, or null when absent or blank. Further terms, and those inside
    /// <c>or()</c> or <c>not()</c>, are comparisons on the name <c>search</c> in <see cref="Filter"/>.
    /// </summary>
    public string? Search { get; init; }

    /// <summary>Page size: 0 (count only) to <see cref="RqlPaging.MaxLimit"/>.</summary>
    public int Limit { get; init; } = RqlPaging.DefaultLimit;

    public int Offset { get; init; }
}

/// <summary>One ordering key; renders as RQL (<c>-events.created.at</c>).</summary>
public readonly record struct RqlOrdering(string Field, bool Descending)
{
    public override string ToString() => Descending ? $"-{Field}" : Field;
}
