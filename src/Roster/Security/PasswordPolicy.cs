using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roster.Common;
using Roster.Data;

namespace Roster.Security;

/// <summary>
/// The one place that says what a password may be (NIST SP 800-63B 3.1.1.2, ASVS 2.1): long enough, at most
/// <see cref="MaxLength"/> characters and never truncated, any characters and no composition rules, not common or
/// easily guessed, and not made of the words of the user's name, email or accounts' names. Registration, the first
/// administrator, change and reset use it.
/// </summary>
public sealed partial class PasswordPolicy(IOptions<SecurityOptions> options)
{
    public const int MaxLength = 128;

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommon);
    private static readonly string[] KeyboardRows = ["qwertyuiop", "asdfghjkl", "zxcvbnm", "1234567890", "azertyuiop", "qwertzuiop"];

    public int MinLength => Math.Max(1, options.Value.PasswordMinLength);

    /// <summary>The rules in one sentence, for forms.</summary>
    public string Hint =>
        $"At least {MinLength} characters (at most {MaxLength}). A passphrase of a few unrelated words is easy to remember and hard to guess.";

    /// <summary>
    /// The first rule <paramref name="password"/> breaks, or null. <paramref name="accountNames"/> are the accounts the
    /// user belongs to or is joining; <paramref name="field"/> names the form field.
    /// </summary>
    public Error? Check(string? password, string? email, string? name, IReadOnlyCollection<string>? accountNames = null, string field = "password")
    {
        if (string.IsNullOrEmpty(password))
            return new Error("users.password_required", "Choose a password.", Field: field);
        // Each Unicode character counts once, whatever its size in UTF-16.
        var length = password.EnumerateRunes().Count();
        if (length < MinLength)
            return new Error("users.password_too_short", $"The password needs at least {MinLength} characters.", Field: field);
        if (length > MaxLength)
            return new Error("users.password_too_long", $"The password can have at most {MaxLength} characters.", Field: field);

        var forms = Forms(password);
        if (forms.Any(Common.Value.Contains) || IsPattern(forms[0]))
            return new Error("users.password_common",
                "This password is too common or too easy to guess. Choose another one; a few unrelated words work well.", Field: field);
        var personal = ContextWords(email, name, accountNames ?? []);
        var letters = new string([.. forms[0].Where(char.IsLetter)]);
        if (forms.Any(personal.Contains) || IsMadeOf(letters, personal) || IsMadeOf(forms[2], personal))
            return new Error("users.password_personal",
                "The password must not be made of your name, your email address or the name of your account.", Field: field);
        return null;
    }

    /// <summary>The names of the accounts <paramref name="userId"/> is a member of or invited to, for <see cref="Check"/>.</summary>
    public static Task<List<string>> AccountNamesAsync(RosterDbContext db, string userId, CancellationToken ct) =>
        db.Accounts.Where(a => db.Memberships.Any(m => m.UserId == userId && m.AccountId == a.Id)).Select(a => a.Name).ToListAsync(ct);

    /// <summary>
    /// Whether <paramref name="letters"/> is nothing but the words, each any number of times and in any order
    /// ("balboarobert", "streetfront"): guessers try such combinations of what they know about the user.
    /// </summary>
    private static bool IsMadeOf(string letters, HashSet<string> words)
    {
        if (letters.Length == 0) return false;
        var reachable = new bool[letters.Length + 1];
        reachable[0] = true;
        for (var end = 1; end <= letters.Length; end++)
            reachable[end] = words.Any(w => w.Length <= end && reachable[end - w.Length] && string.CompareOrdinal(letters, end - w.Length, w, 0, w.Length) == 0);
        return reachable[letters.Length];
    }

    /// <summary>
    /// The password as guessers try it: lower case without spaces, then trimmed of digits and symbols at both ends
    /// ("Summer2024!" -> "summer"), then with look-alike substitutions undone ("p@ssw0rd" -> "password").
    /// </summary>
    private static string[] Forms(string password)
    {
        var plain = new string([.. password.ToLowerInvariant().Where(c => !char.IsWhiteSpace(c))]);
        var trimmed = plain.Trim([.. plain.Where(c => !char.IsLetter(c))]);
        var undone = new StringBuilder(trimmed.Length);
        foreach (var c in trimmed)
        {
            var letter = c switch
            {
                '0' => 'o', '1' or '!' or '|' => 'i', '3' => 'e', '4' or '@' => 'a', '5' or '$' => 's', '7' or '+' => 't', '8' => 'b',
                _ => c,
            };
            if (char.IsLetter(letter)) undone.Append(letter);
        }
        return [plain, trimmed, undone.ToString()];
    }

    /// <summary>One to four characters repeated ("aaaaaaaa", "abababab"), a run ("abcdefgh", "87654321") or a keyboard row.</summary>
    private static bool IsPattern(string plain)
    {
        for (var unit = 1; unit <= 4 && unit * 2 <= plain.Length; unit++)
        {
            var repeated = true;
            for (var i = unit; i < plain.Length && repeated; i++) repeated = plain[i] == plain[i - unit];
            if (repeated) return true;
        }
        var step = plain.Length > 1 ? plain[1] - plain[0] : 0;
        if (step is 1 or -1 && Enumerable.Range(1, plain.Length - 1).All(i => plain[i] - plain[i - 1] == step)) return true;
        return KeyboardRows.Any(row => row.Contains(plain, StringComparison.Ordinal)
                                       || new string([.. row.Reverse()]).Contains(plain, StringComparison.Ordinal));
    }

    /// <summary>The user's email, its parts, their name and their accounts' names, in the forms a password is compared in.</summary>
    private static HashSet<string> ContextWords(string? email, string? name, IReadOnlyCollection<string> accountNames)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        void Add(string? word)
        {
            if (string.IsNullOrWhiteSpace(word)) return;
            var lower = new string([.. word.ToLowerInvariant().Where(c => !char.IsWhiteSpace(c))]);
            if (lower.Length >= 3) words.Add(lower);
            var letters = new string([.. lower.Where(char.IsLetter)]);
            if (letters.Length >= 3) words.Add(letters);
        }
        if (!string.IsNullOrWhiteSpace(email))
        {
            var address = email.Trim();
            Add(address);
            var at = address.IndexOf('@');
            var local = at > 0 ? address[..at] : address;
            Add(local);
            foreach (var part in local.Split(['.', '_', '-', '+'])) Add(part);
            if (at > 0) Add(address[(at + 1)..].Split('.')[0]);
        }
        foreach (var each in accountNames.Prepend(name))
        {
            if (string.IsNullOrWhiteSpace(each)) continue;
            Add(each);
            foreach (var part in Words().Matches(each).Select(m => m.Value)) Add(part);
        }
        return words;
    }

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex Words();

    private static HashSet<string> LoadCommon()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("Roster.Security.CommonPasswords.txt")
                           ?? throw new InvalidOperationException("The common-password list is not embedded in Roster.dll.");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var word = line.Trim();
            if (word.Length > 0 && !word.StartsWith('#')) words.Add(word.ToLowerInvariant());
        }
        return words;
    }
}
