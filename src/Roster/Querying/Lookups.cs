namespace Roster.Querying;

/// <summary>The lookups a field allows, named as Connect's spec lists them per path.</summary>
[Flags]
public enum Lookups
{
    None = 0,
    Eq = 1,
    Ne = 1 << 1,
    Gt = 1 << 2,
    Ge = 1 << 3,
    Lt = 1 << 4,
    Le = 1 << 5,
    In = 1 << 6,
    Out = 1 << 7,
    Like = 1 << 8,
    ILike = 1 << 9,

    /// <summary><c>eq(f,null())</c>, <c>ne(f,null())</c> and <c>null()</c> inside <c>in</c>/<c>out</c>.</summary>
    Null = 1 << 10,

    Equality = Eq | Ne,
    Ordered = Gt | Ge | Lt | Le,
    Comparison = Equality | Ordered,
    Lists = In | Out,
    Text = Like | ILike,
}

internal static class LookupNames
{
    public static string Name(Lookups lookup) => lookup.ToString().ToLowerInvariant();

    public static string Describe(Lookups allowed) =>
        string.Join(", ", Enum.GetValues<Lookups>()
            .Where(l => l != Lookups.None && (l & (l - 1)) == 0 && allowed.HasFlag(l))
            .Select(Name));

    public static Lookups Of(RqlOperator op) => op switch
    {
        RqlOperator.Eq => Lookups.Eq,
        RqlOperator.Ne => Lookups.Ne,
        RqlOperator.Gt => Lookups.Gt,
        RqlOperator.Ge => Lookups.Ge,
        RqlOperator.Lt => Lookups.Lt,
        RqlOperator.Le => Lookups.Le,
        RqlOperator.Like => Lookups.Like,
        _ => Lookups.ILike,
    };
}
