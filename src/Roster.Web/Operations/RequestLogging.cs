using Microsoft.Extensions.Logging.Console;
using Roster.Web.Auth;

namespace Roster.Web.Operations;

/// <summary>
/// What every log line of a request carries (its id, route, actor and account), the JSON format operators ask for
/// with <c>Logging:Format=json</c>, and the framework lines that are kept out because they would carry secrets.
/// </summary>
public static class RequestLogging
{
    public const string FormatKey = "Logging:Format";

    // Framework categories whose lines carry the request's path or URL: invitation links hold their token in the path
    // and reset links in the query, so with any of these on, a link would reach the log. The hosting layer's
    // "Request starting" line names the whole URL and its scope the path (opened only while the category logs, so
    // turning it off removes both; Roster's own scope replaces it without the path, and request rates and latencies
    // come from the metrics). Routing and static files name the path in their Debug lines.
    private static readonly (string Category, LogLevel Level)[] PathCarriers =
    [
        ("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None),
        ("Microsoft.AspNetCore.Routing", LogLevel.Warning),
        ("Microsoft.AspNetCore.StaticFiles", LogLevel.Warning),
        ("Microsoft.AspNetCore.StaticAssets", LogLevel.Warning),
    ];

    public static void AddRosterLogging(this WebApplicationBuilder builder)
    {
        // After every other rule, and once more for each provider that has rules of its own, since a provider's own
        // rule (Logging:Console:LogLevel:Default=Trace) would otherwise win over a rule for all providers.
        builder.Services.PostConfigure<LoggerFilterOptions>(o =>
        {
            foreach (var provider in o.Rules.Select(r => r.ProviderName).Append(null).Distinct().ToList())
            {
                foreach (var (category, level) in PathCarriers)
                    o.Rules.Add(new LoggerFilterRule(provider, category, level, null));
            }
        });
        builder.Services.AddOptions<ConsoleLoggerOptions>().Configure<IConfiguration>((o, configuration) =>
        {
            if (string.Equals(configuration[FormatKey], "json", StringComparison.OrdinalIgnoreCase))
                o.FormatterName = ConsoleFormatterNames.Json;
        });
        builder.Services.Configure<JsonConsoleFormatterOptions>(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
        });
    }

    /// <summary>After authentication, so the scope names who is acting; everything logged later in the request has it.</summary>
    public static void UseRequestLogScope(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Roster.Request");
        app.Use(async (context, next) =>
        {
            using (logger.BeginScope(new RequestScope(context)))
                await next(context);
        });
    }

    /// <summary>
    /// Read when a line is written, not when the request starts, so a request that signs in logs its new user after.
    /// The route is the endpoint's template (<c>/invitations/{token}</c>), never the path that holds the values.
    /// </summary>
    private sealed class RequestScope(HttpContext context) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private KeyValuePair<string, object?>[] Pairs
        {
            get
            {
                var actor = context.ActorOrNull();
                var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
                return
                [
                    new("RequestId", context.TraceIdentifier),
                    new("Route", route),
                    new("ActorType", actor?.Kind.ToString().ToLowerInvariant()),
                    new("UserId", actor is { IsUser: true } ? actor.Id : null),
                    new("TokenId", actor is { IsToken: true } ? actor.Id : null),
                    new("AccountId", actor?.AccountId),
                ];
            }
        }

        public int Count => 6;
        public KeyValuePair<string, object?> this[int index] => Pairs[index];
        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)Pairs).GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString()
        {
            var actor = context.ActorOrNull();
            return $"Request {context.TraceIdentifier}" + (actor is null ? "" : $" by {actor.Kind.ToString().ToLowerInvariant()} {actor.Id} in {actor.AccountId ?? "no account"}");
        }
    }
}
