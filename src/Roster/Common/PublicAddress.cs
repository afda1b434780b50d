using Microsoft.Extensions.Configuration;

namespace Roster.Common;

/// <summary>
/// The address people reach Roster at: every mailed link, every copyable link and the origin the API accepts
/// browser writes from. It is the <c>PublicUrl</c> setting, or else the address Roster listens on; never a
/// request's Host header, which whoever sends the request chooses.
/// </summary>
public sealed class PublicAddress
{
    public const string Setting = "PublicUrl";

    /// <summary>Where the address was set before it served every link; still read so existing settings keep working.</summary>
    public const string OlderSetting = "Invitations:PublicUrl";

    private const string Fallback = "http://localhost:5080";
    private readonly Func<string?> _listening;

    /// <param name="configured">The setting's value, or null.</param>
    /// <param name="listening">The first address the server listens on, once it does.</param>
    public PublicAddress(string? configured, Func<string?>? listening = null)
    {
        _listening = listening ?? (() => null);
        if (string.IsNullOrWhiteSpace(configured)) return;
        var problem = !Uri.TryCreate(configured.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            // Not quoted when it may hold a user name and password (user:password@host).
            ? configured.Contains('@', StringComparison.Ordinal) ? "it is not one" : $"'{configured}' is not"
            // Named, not repeated: a user name and password would otherwise be printed.
            : !string.IsNullOrEmpty(uri.UserInfo) ? "it holds a user name or password, which it must not"
            : !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) ? "it has a query or fragment, which it must not"
            : null;
        if (problem is not null)
            throw new StartRefused(
                $"{Setting} must be the absolute http or https address people open Roster at, such as https://roster.example.com; {problem}.");
        Configured = uri!.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }

    public static PublicAddress From(IConfiguration configuration, Func<string?>? listening = null) =>
        new(configuration[Setting] is { Length: > 0 } value ? value : configuration[OlderSetting], listening);

    /// <summary>The configured address without a trailing slash, or null when Roster uses the one it listens on.</summary>
    public string? Configured { get; }

    /// <summary>The address without a trailing slash.</summary>
    public string Url => Configured ?? Listening() ?? Fallback;

    /// <summary>Scheme, host and port, as a browser's Origin header names them.</summary>
    public string Origin => new Uri(Url).GetLeftPart(UriPartial.Authority);

    /// <summary>The address followed by <paramref name="path"/> (which starts with a slash).</summary>
    public string Link(string path) => Url + path;

    /// <summary>A wildcard binding (0.0.0.0, [::], +, *) is no address anyone can open; its port is kept.</summary>
    private string? Listening()
    {
        var address = _listening();
        if (string.IsNullOrEmpty(address)) return null;
        var wildcard = System.Text.RegularExpressions.Regex.Match(address, @"^(https?)://(\*|\+|0\.0\.0\.0|\[::\])(:\d+)?(/.*)?$");
        if (wildcard.Success) address = $"{wildcard.Groups[1].Value}://localhost{wildcard.Groups[3].Value}{wildcard.Groups[4].Value}";
        return address.TrimEnd('/');
    }
}
