namespace Roster.Sessions;

/// <summary>
/// The browser and operating system a User-Agent header names, for people to recognise their sessions. A small
/// parser of Roster's own: it knows the common browsers and HTTP clients and says "Unknown" for the rest.
/// </summary>
public sealed record Device(string Browser, string Os)
{
    public const string Unknown = "Unknown";

    // Order matters: Edge, Opera and others also claim to be Chrome and Safari, so the specific tokens come first.
    private static readonly (string Token, string Name)[] Browsers =
    [
        ("Edg/", "Edge"), ("EdgA/", "Edge"), ("EdgiOS/", "Edge"), ("OPR/", "Opera"), ("SamsungBrowser/", "Samsung Internet"),
        ("Vivaldi/", "Vivaldi"), ("HeadlessChrome/", "Headless Chrome"), ("CriOS/", "Chrome"), ("FxiOS/", "Firefox"),
        ("Firefox/", "Firefox"), ("Chromium/", "Chromium"), ("Chrome/", "Chrome"), ("Version/", "Safari"),
        ("curl/", "curl"), ("Wget/", "Wget"), ("PostmanRuntime/", "Postman"), ("python-requests/", "Python requests"),
        ("python-httpx/", "Python httpx"), ("Go-http-client/", "Go HTTP client"), ("okhttp/", "OkHttp"), ("axios/", "axios"),
    ];

    public static Device FromUserAgent(string? userAgent) =>
        string.IsNullOrWhiteSpace(userAgent) ? new(Unknown, Unknown) : new(BrowserOf(userAgent), OsOf(userAgent));

    public override string ToString() => Browser == Unknown && Os == Unknown ? Unknown : $"{Browser} on {Os}";

    private static string BrowserOf(string agent)
    {
        foreach (var (token, name) in Browsers)
        {
            var at = agent.IndexOf(token, StringComparison.Ordinal);
            if (at < 0) continue;
            // "Version/" means Safari only when the agent also says Safari (and no other browser matched above).
            if (token == "Version/" && !agent.Contains("Safari/", StringComparison.Ordinal)) continue;
            var version = MajorVersion(agent, at + token.Length);
            return version is null ? name : $"{name} {version}";
        }
        return Unknown;
    }

    private static string OsOf(string agent)
    {
        if (agent.Contains("Windows", StringComparison.Ordinal)) return "Windows";
        if (agent.Contains("iPhone", StringComparison.Ordinal) || agent.Contains("iPod", StringComparison.Ordinal)) return "iOS";
        if (agent.Contains("iPad", StringComparison.Ordinal)) return "iPadOS";
        var android = agent.IndexOf("Android", StringComparison.Ordinal);
        if (android >= 0) return MajorVersion(agent, android + "Android ".Length) is { } v ? $"Android {v}" : "Android";
        if (agent.Contains("CrOS", StringComparison.Ordinal)) return "ChromeOS";
        if (agent.Contains("Mac OS X", StringComparison.Ordinal) || agent.Contains("Macintosh", StringComparison.Ordinal)) return "macOS";
        if (agent.Contains("Linux", StringComparison.Ordinal)) return "Linux";
        return Unknown;
    }

    private static string? MajorVersion(string agent, int from)
    {
        var end = from;
        while (end < agent.Length && char.IsAsciiDigit(agent[end])) end++;
        return end > from && end - from <= 6 ? agent[from..end] : null;
    }
}
