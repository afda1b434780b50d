using Roster.Common;

namespace Roster.Querying;

/// <summary>The stable error codes of RQL and the sentences that go with them. All are validation errors (400).</summary>
public static class RqlErrors
{
    public const string Syntax = "rql.syntax";
    public const string UnknownField = "rql.unknown_field";
    public const string LookupNotAllowed = "rql.lookup_not_allowed";
    public const string BadValue = "rql.bad_value";
    public const string NotOrderable = "rql.not_orderable";
    public const string BadPaging = "rql.bad_paging";

    private const int QuotedTextMax = 80;

    internal static Error SyntaxAt(string text, int position, string problem) =>
        new(Syntax, $"The query is not valid RQL at position {position + 1} of '{Clip(text)}': {problem}.");

    internal static Error SyntaxOf(string problem) => new(Syntax, $"The query is not valid RQL: {problem}.");

    internal static Error Unknown(string field, IEnumerable<string> known) =>
        new(UnknownField, $"Unknown field '{Clip(field)}'. Known fields: {List(known)}.", Field: field);

    internal static Error Lookup(string field, string lookup, Lookups allowed) =>
        new(LookupNotAllowed, allowed == Lookups.None
            ? $"Field '{field}' cannot be filtered."
            : $"Field '{field}' does not allow the '{lookup}' lookup; it allows {LookupNames.Describe(allowed)}.", Field: field);

    internal static Error Value(string field, string value, string expected) =>
        new(BadValue, $"Value '{Clip(value)}' is not valid for field '{field}': expected {expected}.", Field: field);

    internal static Error Ordering(string field, IEnumerable<string> orderable) =>
        new(NotOrderable, $"The list cannot be ordered by '{field}'. Orderable fields: {List(orderable)}.", Field: field);

    internal static Error Paging(string parameter, string problem) =>
        new(BadPaging, $"The '{parameter}' parameter {problem}.", Field: parameter);

    private static string List(IEnumerable<string> names)
    {
        var all = string.Join(", ", names);
        return all.Length == 0 ? "none" : all;
    }

    private static string Clip(string text) => text.Length <= QuotedTextMax ? text : string.Concat(text.AsSpan(0, QuotedTextMax), "...");
}
