using Roster.Common;

namespace Roster.Accounts;

/// <summary>What an account tells its partners about itself (Connect's partner profile), as stored: normalised and valid.</summary>
public sealed record AccountProfile(
    string? Overview, string? Headquarters, IReadOnlyList<string> Countries, IReadOnlyList<string> Languages,
    IReadOnlyList<string> Websites, bool? Public);

/// <summary>
/// A change of the profile: a null field keeps its value, an empty one clears it, so a client that sends only what
/// it changes, and one that sends the whole account back, both do what they mean.
/// </summary>
public sealed record AccountProfileChange(
    string? Overview = null, string? Headquarters = null, IReadOnlyList<string>? Countries = null,
    IReadOnlyList<string>? Languages = null, IReadOnlyList<string>? Websites = null, bool? Public = null)
{
    public bool IsEmpty => this == new AccountProfileChange();
}

/// <summary>What makes a public profile acceptable; every problem at once, each naming its field.</summary>
public static class AccountProfileRules
{
    public const int MaxWebsites = 10;
    public const int WebsiteMaxLength = 200;

    /// <summary>The profile after <paramref name="change"/>, normalised (trimmed, codes in ISO case, no repeats), or every problem found.</summary>
    public static Result<AccountProfile> Apply(AccountProfile current, AccountProfileChange change)
    {
        var overview = change.Overview is null ? current.Overview : NullIfBlank(change.Overview);
        var headquarters = change.Headquarters is null ? current.Headquarters : NullIfBlank(change.Headquarters);
        var countries = change.Countries is null ? current.Countries : Distinct(change.Countries, c => c.ToUpperInvariant());
        var languages = change.Languages is null ? current.Languages : Distinct(change.Languages, l => l.ToLowerInvariant());
        var websites = change.Websites is null ? current.Websites : Distinct(change.Websites, w => w);

        var badCountries = countries.Where(c => !IsoCodes.IsCountry(c)).ToList();
        var badLanguages = languages.Where(l => !IsoCodes.IsLanguage(l)).ToList();
        var badWebsites = websites.Where(w => !IsWebsite(w)).ToList();
        var problem = Error.Of(
            overview?.Length > Account.OverviewMaxLength
                ? new Error("accounts.overview_too_long", $"The overview can have at most {Account.OverviewMaxLength} characters.", Field: "overview")
                : null,
            headquarters?.Length > Account.HeadquartersMaxLength
                ? new Error("accounts.headquarters_too_long", $"The headquarters address can have at most {Account.HeadquartersMaxLength} characters.", Field: "headquarters")
                : null,
            badCountries.Count > 0
                ? new Error("accounts.country_unknown", $"Not ISO 3166 country codes: {string.Join(", ", badCountries)}.", Field: "countries")
                : null,
            badLanguages.Count > 0
                ? new Error("accounts.language_unknown", $"Not ISO 639-1 language codes: {string.Join(", ", badLanguages)}.", Field: "languages")
                : null,
            badWebsites.Count > 0
                ? new Error("accounts.website_invalid", $"Websites must be http or https addresses of at most {WebsiteMaxLength} characters: {string.Join(", ", badWebsites)}.", Field: "websites")
                : websites.Count > MaxWebsites
                    ? new Error("accounts.websites_too_many", $"An account can list at most {MaxWebsites} websites.", Field: "websites")
                    : null);
        if (problem is not null) return problem;
        return new AccountProfile(overview, headquarters, countries, languages, websites, change.Public ?? current.Public);
    }

    public static bool Same(AccountProfile a, AccountProfile b) =>
        a.Overview == b.Overview && a.Headquarters == b.Headquarters && a.Public == b.Public
        && a.Countries.SequenceEqual(b.Countries) && a.Languages.SequenceEqual(b.Languages) && a.Websites.SequenceEqual(b.Websites);

    private static bool IsWebsite(string value) =>
        value.Length <= WebsiteMaxLength
        && Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https"
        && string.IsNullOrEmpty(uri.UserInfo)
        && uri.Host.Contains('.', StringComparison.Ordinal);

    private static List<string> Distinct(IEnumerable<string> values, Func<string, string> normalise) =>
        [.. values.Select(v => v?.Trim() ?? "").Where(v => v.Length > 0).Select(normalise).Distinct(StringComparer.Ordinal)];

    private static string? NullIfBlank(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
