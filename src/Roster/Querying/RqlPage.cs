namespace Roster.Querying;

/// <summary>One page of a list and the number of rows the whole filtered list has.</summary>
public sealed record RqlPage<T>(IReadOnlyList<T> Rows, long Total);
