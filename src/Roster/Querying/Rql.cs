using Roster.Common;

namespace Roster.Querying;

/// <summary>
/// Parses a list request's raw query string into an <see cref="RqlQuery"/>. Field names, lookups and values are
/// checked later, against a resource's declaration (<see cref="RqlResource{T}.Apply"/>).
/// </summary>
public static class Rql
{
    /// <summary>Longest raw (still percent-encoded) query string accepted.</summary>
    public const int MaxQueryLength = 8 * 1024;

    /// <summary>Deepest nesting of calls and parentheses accepted.</summary>
    public const int MaxDepth = 32;

    /// <summary>Most values one <c>in</c>/<c>out</c> list may hold.</summary>
    public const int MaxListLength = 500;

    /// <summary>The name under which <c>search</c> appears in a filter: <c>or(search=ada,status=invited)</c>.</summary>
    public const string SearchField = "search";

    private static readonly string[] ReservedKeys = ["limit", "offset", "search", "ordering", "select"];

    public static Result<RqlQuery> Parse(string? rawQueryString)
    {
        var raw = rawQueryString is ['?', ..] ? rawQueryString[1..] : rawQueryString ?? "";
        if (raw.Length > MaxQueryLength)
            return RqlErrors.SyntaxOf($"the query string is {raw.Length} characters long; the limit is {MaxQueryLength}");

        var draft = new Draft();
        foreach (var component in RqlComponents.Split(raw))
        {
            var error = ReservedKey(component) is { } key
                ? draft.SetReserved(key, component[(key.Length + 1)..])
                : draft.AddExpression(component);
            if (error is not null) return error;
        }

        return draft.ToQuery();
    }

    private static string? ReservedKey(string component) =>
        ReservedKeys.FirstOrDefault(k => component.Length > k.Length && component[k.Length] == '=' && component.StartsWith(k, StringComparison.Ordinal));

    private sealed class Draft
    {
        private readonly List<RqlNode> _filters = [];
        private readonly HashSet<string> _given = [];
        private readonly HashSet<string> _includes = new(StringComparer.Ordinal);
        private readonly HashSet<string> _excludes = new(StringComparer.Ordinal);
        private IReadOnlyList<RqlOrdering>? _ordering;
        private string? _search;
        private int _limit = RqlPaging.DefaultLimit;
        private int _offset;

        public Error? SetReserved(string key, string value)
        {
            if (key is "limit" or "offset" && !_given.Add(key)) return RqlErrors.Paging(key, "is given more than once");
            switch (key)
            {
                case "limit":
                    var limit = RqlPaging.ParseLimit(value);
                    _limit = limit.Value;
                    return limit.Error;
                case "offset":
                    var offset = RqlPaging.ParseOffset(value);
                    _offset = offset.Value;
                    return offset.Error;
                case "search":
                    AddSearch(Unquote(value));
                    return null;
                default:
                    var items = RqlParser.ParseSignedList(value);
                    return items.Succeeded ? Directive(new RqlDirective(key, items.Value)) : items.Error;
            }
        }

        public Error? AddExpression(string component)
        {
            var parsed = RqlParser.ParseFilter(component);
            return parsed.Succeeded ? Lift(parsed.Value) : parsed.Error;
        }

        public RqlQuery ToQuery() => new()
        {
            Filter = _filters.Count switch { 0 => null, 1 => _filters[0], _ => new RqlAnd(_filters) },
            Ordering = _ordering ?? [],
            Select = _includes.Count + _excludes.Count == 0 ? RqlSelect.None : new RqlSelect(_includes, _excludes),
            Search = _search,
            Limit = _limit,
            Offset = _offset,
        };

        // A top-level term is taken whole, so it may hold '(' or '&'. The first is the query's Search, which a list
        // may answer from a search index; a repeated one (Connect ands them) joins the filter like search inside or().
        private void AddSearch(string term)
        {
            if (string.IsNullOrWhiteSpace(term)) return;
            if (_search is null) _search = term;
            else _filters.Add(new RqlComparison(SearchField, RqlOperator.Eq, RqlValue.Of(term)));
        }

        // ordering() and select() may sit in the top-level and-chain (lib-rql allows it); anywhere else they are errors.
        private Error? Lift(RqlNode node)
        {
            switch (node)
            {
                case RqlDirective directive:
                    return Directive(directive);
                case RqlAnd and:
                    foreach (var operand in and.Operands)
                    {
                        if (Lift(operand) is { } error) return error;
                    }

                    return null;
                default:
                    if (ContainsDirective(node) is { } misplaced)
                        return RqlErrors.SyntaxOf($"{misplaced}() may only be combined with filters by '&' or ',' at the top level");
                    _filters.Add(node);
                    return null;
            }
        }

        private Error? Directive(RqlDirective directive)
        {
            if (directive.Name == "select")
            {
                foreach (var item in directive.Items) (item.Descending ? _excludes : _includes).Add(item.Field);
                return null;
            }

            if (_ordering is not null) return RqlErrors.SyntaxOf("'ordering' is given more than once");
            _ordering = directive.Items;
            return null;
        }

        private static string? ContainsDirective(RqlNode node) => node switch
        {
            RqlDirective d => d.Name,
            RqlAnd a => a.Operands.Select(ContainsDirective).FirstOrDefault(n => n is not null),
            RqlOr o => o.Operands.Select(ContainsDirective).FirstOrDefault(n => n is not null),
            RqlNot n => ContainsDirective(n.Operand),
            _ => null,
        };

        private static string Unquote(string value) =>
            value.Length >= 2 && value[0] is '"' or '\'' && value[^1] == value[0] ? value[1..^1] : value;
    }
}
