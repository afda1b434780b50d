namespace Roster.Querying;

/// <summary>
/// Rejects declarations that could never work (a like on a number, ordering by a collection). These are
/// programming errors, so they throw when the resource is declared, not when a client sends a query.
/// </summary>
internal static class RqlDeclaration
{
    public static void Check<T>(RqlField<T> field)
    {
        var type = RqlValues.Underlying(field.ValueType);
        Require(RqlParser.IsPath(field.Name), field, "is not a valid RQL field name");
        Require(RqlValues.IsSupported(type), field, $"has type {type.Name}, which RQL cannot filter");
        Require((field.Lookups & Lookups.Ordered) == 0 || RqlValues.IsOrdered(type), field, "allows gt/ge/lt/le but its type has no order");
        Require((field.Lookups & Lookups.Text) == 0 || type == typeof(string) || type.IsEnum, field, "allows like/ilike but is neither text nor an enum");
        // On a collection, null() means the row has no element.
        Require(!field.Lookups.HasFlag(Lookups.Null) || field.IsCollection || !field.ValueType.IsValueType
                || Nullable.GetUnderlyingType(field.ValueType) is not null,
            field, "allows the null lookup but can never be null");
        Require(!field.Searchable || type == typeof(string), field, "is searchable but is not text");
    }

    private static void Require<T>(bool condition, RqlField<T> field, string problem)
    {
        if (!condition) throw new ArgumentException($"RQL field '{field.Name}' of {typeof(T).Name} {problem}.", nameof(field));
    }
}
