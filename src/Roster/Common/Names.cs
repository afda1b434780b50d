using System.Globalization;
using System.Text;

namespace Roster.Common;

/// <summary>
/// Names (of accounts, users, groups, tokens) are one line of text wherever they appear: mail subjects, page titles,
/// CSV cells, audit entries. Control characters, line and paragraph separators and the bidirectional controls that
/// make text read other than it is stored have no place in one. Marks and joiners that scripts and emoji need stay.
/// </summary>
public static class Names
{
    public static bool HasControlCharacters(string? text) => text is not null && text.Any(IsControl);

    /// <summary>An error for the field, or null: "<paramref name="what"/> cannot contain line breaks or other control characters."</summary>
    public static Error? Check(string? name, string code, string what, string field = "name") =>
        HasControlCharacters(name) ? new Error(code, $"{what} cannot contain line breaks or other control characters.", Field: field) : null;

    /// <summary>The text on one line: each run of control characters becomes one space. For names stored before they were refused.</summary>
    public static string OneLine(string text)
    {
        if (!HasControlCharacters(text)) return text;
        var line = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!IsControl(c)) line.Append(c);
            else if (line.Length > 0 && line[^1] != ' ') line.Append(' ');
        }
        return line.ToString().Trim();
    }

    private static bool IsControl(char c) =>
        char.IsControl(c)
        || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
        || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}
