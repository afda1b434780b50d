using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Roster.Common;

namespace Roster.Web.Auth;

/// <summary>
/// Behind a proxy that terminates TLS, the client's address, scheme and host arrive in X-Forwarded-For, -Proto and
/// -Host. Only the proxies in <c>TrustedProxies</c> are believed: from anyone else those headers could say anything.
/// The client address then serves rate limits, sessions and the audit trail, and HTTPS marks cookies Secure.
/// </summary>
public static class ReverseProxy
{
    public const string Setting = "TrustedProxies";

    /// <summary>Addresses (10.0.0.2) and networks (10.0.0.0/8), one list item each or separated by commas or spaces.</summary>
    public static (List<IPAddress> Proxies, List<System.Net.IPNetwork> Networks) Trusted(IConfiguration configuration)
    {
        var section = configuration.GetSection(Setting);
        var entries = section.GetChildren().Select(c => c.Value).Append(section.Value)
            .SelectMany(v => (v ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var proxies = new List<IPAddress>();
        var networks = new List<System.Net.IPNetwork>();
        foreach (var entry in entries)
        {
            if (entry.Contains('/') && System.Net.IPNetwork.TryParse(entry, out var network)) networks.Add(network);
            else if (IPAddress.TryParse(entry, out var address)) proxies.Add(address);
            else throw new StartRefused(
                $"{Setting} lists the addresses (10.0.0.2) or networks (10.0.0.0/8) of trusted proxies; '{entry}' is neither.");
        }
        return (proxies, networks);
    }

    public static IServiceCollection AddRosterReverseProxy(this IServiceCollection services, IConfiguration configuration)
    {
        var (proxies, networks) = Trusted(configuration);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            // Loopback is trusted by default; only what the operator lists is.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies) o.KnownProxies.Add(proxy);
            foreach (var network in networks) o.KnownIPNetworks.Add(network);
            // A chain of trusted proxies is followed back to the first address none of them is.
            o.ForwardLimit = null;
        });
        return services;
    }

    /// <summary>
    /// Added only when proxies are configured: with empty lists the middleware would believe every sender.
    /// </summary>
    public static IApplicationBuilder UseRosterReverseProxy(this IApplicationBuilder app, IConfiguration configuration)
    {
        var (proxies, networks) = Trusted(configuration);
        return proxies.Count + networks.Count > 0 ? app.UseForwardedHeaders() : app;
    }
}
