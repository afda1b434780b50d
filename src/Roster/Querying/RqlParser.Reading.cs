namespace Roster.Querying;

/// <summary>The token readers of <see cref="RqlParser"/>: paths, values, lists and punctuation.</summary>
internal sealed partial class RqlParser
{
    private bool AtEnd => _pos >= _text.Length;
    private char Current => _text[_pos];

    private bool At(char c) => !AtEnd && Current == c;
    private bool At(char a, char b) => !AtEnd && (Current == a || Current == b);

    private bool TryConsume(char c)
    {
        if (!At(c)) return false;
        _pos++;
        return true;
    }

    private bool Expect(char c)
    {
        if (TryConsume(c)) return true;
        Fail(AtEnd ? $"expected '{c}' but the query ended" : $"expected '{c}' but found '{Current}'");
        return false;
    }

    /// <summary>A dotted field path: segments of letters, digits, '_' and '-', each starting with a letter or '_'.</summary>
    private string? ReadPath(string expected)
    {
        var start = _pos;
        while (!AtEnd && (char.IsAsciiLetterOrDigit(Current) || Current is '_' or '-' or '.')) _pos++;
        var path = _text[start.._pos];
        if (path.Length == 0)
        {
            Record(start, AtEnd ? $"expected {expected} but the query ended" : $"expected {expected} but found '{Current}'");
            return null;
        }

        if (IsPath(path)) return path;
        Record(start, $"'{path}' is not a valid field name");
        return null;
    }

    internal static bool IsPath(string path) =>
        path.Split('.').All(s => s.Length > 0 && (char.IsAsciiLetter(s[0]) || s[0] == '_')
                                 && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'));

    private string ReadWord()
    {
        var start = _pos;
        while (!AtEnd && char.IsAsciiLetterLower(Current)) _pos++;
        return _text[start.._pos];
    }

    private List<RqlOrdering>? ReadSignedPaths()
    {
        var items = new List<RqlOrdering>();
        do
        {
            var descending = At('-');
            if (At('-', '+')) _pos++;
            var path = ReadPath("a field name");
            if (path is null) return null;
            items.Add(new RqlOrdering(path, descending));
        }
        while (TryConsume(','));

        return items;
    }

    /// <summary><c>(a,b,c)</c>, or for leniency a bare <c>a</c> or <c>a,b</c> up to the closing parenthesis.</summary>
    private List<RqlValue>? ReadValueList()
    {
        var parenthesized = TryConsume('(');
        var values = new List<RqlValue>();
        do
        {
            if (ReadValue() is not { } value) return null;
            if (values.Count == Rql.MaxListLength)
            {
                Record(_pos, $"a list may hold at most {Rql.MaxListLength} values");
                return null;
            }

            values.Add(value);
        }
        while (TryConsume(','));

        return !parenthesized || Expect(')') ? values : null;
    }

    private RqlValue? ReadValue()
    {
        if (At('"', '\''))
        {
            var close = _text.IndexOf(Current, _pos + 1);
            if (close < 0) return FailValue("the quoted value is never closed");
            var quoted = _text[(_pos + 1)..close];
            _pos = close + 1;
            return RqlValue.Of(quoted);
        }

        if (TryConsumeConstant("null()")) return RqlValue.Null;
        if (TryConsumeConstant("empty()")) return RqlValue.Empty;

        var start = _pos;
        while (!AtEnd && Current is not (',' or '(' or ')' or '&' or '|' or ';')) _pos++;
        if (_pos == start)
        {
            return FailValue(AtEnd ? "expected a value but the query ended"
                : $"expected a value but found '{Current}' (write empty() for an empty string, quote values with ',', '(' or ')')");
        }

        return RqlValue.Of(_text[start.._pos]);
    }

    private bool TryConsumeConstant(string constant)
    {
        var end = _pos + constant.Length;
        if (string.CompareOrdinal(_text, _pos, constant, 0, constant.Length) != 0) return false;
        if (end < _text.Length && _text[end] is not (',' or ')' or '&' or '|' or ';')) return false;
        _pos = end;
        return true;
    }

    private RqlNode? Fail(string problem) => FailAt(_pos, problem);

    private RqlNode? FailAt(int position, string problem)
    {
        Record(position, problem);
        return null;
    }

    private RqlValue? FailValue(string problem)
    {
        Record(_pos, problem);
        return null;
    }

    private void Record(int position, string problem) => _error ??= RqlErrors.SyntaxAt(_text, position, problem);
}
