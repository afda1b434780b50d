namespace Roster.Querying;

/// <summary>
/// Cuts a raw query string into its top-level components and percent-decodes each one.
/// </summary>
/// <remarks>
/// Only an '&amp;' typed literally, outside parentheses and quotes, separates components; an encoded <c>%26</c> never
/// does, so <c>search=a%26b</c> searches for "a&amp;b". Inside an expression a decoded '&amp;' still means "and", as in
/// Connect, which decodes the whole string before parsing. '+' stays a plus sign (Connect uses <c>unquote</c>, not
/// <c>unquote_plus</c>), which keeps date offsets such as <c>2024-01-01T00:00:00+02:00</c> intact; spaces must be
/// sent as <c>%20</c>.
/// </remarks>
internal static class RqlComponents
{
    public static List<string> Split(string raw)
    {
        var components = new List<string>();
        var start = 0;
        var depth = 0;
        var quote = '\0';
        var previous = '&';
        for (var i = 0; i < raw.Length;)
        {
            var (c, width) = DecodeAt(raw, i);
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
            }
            else if (c is '"' or '\'' && previous is '(' or ',' or '=' or '&' or '|' or ';')
            {
                quote = c;
            }
            else if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                depth--;
            }
            else if (c == '&' && width == 1 && depth <= 0)
            {
                Add(components, raw[start..i]);
                start = i + 1;
            }

            previous = c;
            i += width;
        }

        Add(components, raw[start..]);
        return components;
    }

    private static void Add(List<string> components, string encoded)
    {
        if (encoded.Length > 0) components.Add(Uri.UnescapeDataString(encoded));
    }

    // Structure only needs ASCII, so a byte of a multi-byte UTF-8 sequence can stand as any non-structural char.
    private static (char Char, int Width) DecodeAt(string raw, int i)
    {
        if (raw[i] == '%' && i + 2 < raw.Length && Uri.IsHexDigit(raw[i + 1]) && Uri.IsHexDigit(raw[i + 2]))
            return ((char)Convert.ToInt32(raw.Substring(i + 1, 2), 16), 3);
        return (raw[i], 1);
    }
}
