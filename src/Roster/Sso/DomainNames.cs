using System.Globalization;
using System.Text.RegularExpressions;
using Roster.Common;

namespace Roster.Sso;

/// <summary>What Roster accepts as an email domain: a DNS name, stored in lower-case ASCII (international names as punycode).</summary>
public static partial class DomainNames
{
    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true };

    public static Error Invalid(string detail) => new("domain.invalid",
        $"{detail} Give the domain alone, as in an email address after the @: frontstreet.example.", Field: "domain");

    public static Result<string> Normalize(string? input)
    {
        var text = input?.Trim() ?? "";
        if (text.Length == 0) return new Error("domain.required", "The domain is required.", Field: "domain");
        if (text.Contains("://", StringComparison.Ordinal) || text.IndexOfAny(['/', '@', ':', '?', '#']) >= 0)
            return Invalid("A domain has no scheme, path, port or @.");
        if (text.Any(char.IsWhiteSpace) || Names.HasControlCharacters(text)) return Invalid("A domain has no spaces.");
        text = text.TrimEnd('.');
        string ascii;
        try
        {
            ascii = Idn.GetAscii(text).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return Invalid($"'{text}' is not a valid domain name.");
        }
        if (ascii.Length > Domain.NameMaxLength) return Invalid($"A domain has at most {Domain.NameMaxLength} characters.");
        var labels = ascii.Split('.');
        if (labels.Length < 2) return Invalid("A domain has at least two parts separated by a dot.");
        if (!labels.All(l => Label().IsMatch(l))) return Invalid($"'{text}' is not a valid domain name.");
        if (labels[^1].All(char.IsAsciiDigit)) return Invalid("An IP address is not a domain.");
        return ascii;
    }

    /// <summary>Where the verification record is published, and what it says.</summary>
    public static string RecordName(string domain) => $"_roster.{domain}";

    public static string RecordValue(string token) => $"roster-verification={token}";

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex Label();
}
