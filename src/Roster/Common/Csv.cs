using System.Text;

namespace Roster.Common;

/// <summary>
/// RFC 4180 CSV for exports: fields quoted when they must be, CRLF line ends. A field that a spreadsheet would run as
/// a formula (starting with =, +, -, @, tab or carriage return) is prefixed with an apostrophe, so an exported name
/// like <c>=HYPERLINK(...)</c> stays text (OWASP's CSV injection advice).
/// </summary>
public static class Csv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static string Line(IEnumerable<string?> fields)
    {
        var line = new StringBuilder();
        foreach (var field in fields)
        {
            if (line.Length > 0) line.Append(',');
            Append(line, field ?? "");
        }
        return line.Append("\r\n").ToString();
    }

    private static void Append(StringBuilder line, string field)
    {
        if (field.Length > 0 && field[0] is '=' or '+' or '-' or '@' or '\t' or '\r') field = "'" + field;
        if (field.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            line.Append(field);
            return;
        }
        line.Append('"').Append(field.Replace("\"", "\"\"")).Append('"');
    }
}
