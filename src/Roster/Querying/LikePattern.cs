using System.Text;
using System.Text.RegularExpressions;

namespace Roster.Querying;

/// <summary>
/// A like/ilike pattern read from RQL: <c>*</c> is the wildcard, <c>\*</c> a literal star and <c>\\</c> a literal
/// backslash; any other character, including SQL's <c>%</c> and <c>_</c>, is literal. Each dialect renders it in its
/// own syntax with the literals escaped.
/// </summary>
internal sealed class LikePattern
{
    // null stands for the wildcard.
    private readonly IReadOnlyList<string?> _parts;

    private LikePattern(IReadOnlyList<string?> parts) => _parts = parts;

    public static LikePattern Parse(string rql)
    {
        var parts = new List<string?>();
        var literal = new StringBuilder();
        for (var i = 0; i < rql.Length; i++)
        {
            if (rql[i] == '\\' && i + 1 < rql.Length && rql[i + 1] is '*' or '\\') literal.Append(rql[++i]);
            else if (rql[i] != '*') literal.Append(rql[i]);
            else
            {
                if (literal.Length > 0) parts.Add(literal.ToString());
                literal.Clear();
                if (parts.Count == 0 || parts[^1] is not null) parts.Add(null);
            }
        }

        if (literal.Length > 0) parts.Add(literal.ToString());
        return new LikePattern(parts);
    }

    /// <summary>
    /// The pattern of <c>search=term</c>, as Connect reads it: the term's stars are wildcards and it may match
    /// anywhere, so <c>ada*</c> and <c>*ov*ce</c> both match inside a longer text.
    /// </summary>
    public static LikePattern Search(string term)
    {
        var parts = Parse(term)._parts.ToList();
        if (parts.Count == 0 || parts[0] is not null) parts.Insert(0, null);
        if (parts[^1] is not null) parts.Add(null);
        return new LikePattern(parts);
    }

    /// <summary>Whether the pattern has a wildcard other than at its two ends.</summary>
    public bool HasInnerWildcard => _parts.Skip(1).SkipLast(1).Any(p => p is null);

    /// <summary>The same pattern with its literal text lower-cased, for matching against lower-cased text.</summary>
    public LikePattern Folded() => new([.. _parts.Select(p => p?.ToLowerInvariant())]);

    /// <summary>SQL LIKE with '\' as the escape character.</summary>
    public string ToLike() => Render("%", c => c is '%' or '_' or '\\' ? $"\\{c}" : null);

    /// <summary>SQLite GLOB, which has no escape character: a metacharacter is literal inside brackets.</summary>
    public string ToGlob() => Render("*", c => c is '*' or '?' or '[' ? $"[{c}]" : null);

    /// <summary>Matching outside SQL, used to expand a pattern over an enum's few spellings.</summary>
    public bool Matches(string candidate, bool ignoreCase)
    {
        var regex = "^" + string.Concat(_parts.Select(p => p is null ? ".*" : Regex.Escape(p))) + "$";
        var options = RegexOptions.Singleline | RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : 0);
        return Regex.IsMatch(candidate, regex, options, TimeSpan.FromSeconds(1));
    }

    private string Render(string wildcard, Func<char, string?> escape)
    {
        var sql = new StringBuilder();
        foreach (var part in _parts)
        {
            if (part is null)
            {
                sql.Append(wildcard);
                continue;
            }

            foreach (var c in part)
            {
                if (escape(c) is { } escaped) sql.Append(escaped);
                else sql.Append(c);
            }
        }

        return sql.ToString();
    }
}
