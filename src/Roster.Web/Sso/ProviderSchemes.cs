using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Roster.Sso;

namespace Roster.Web.Sso;

/// <summary>
/// One OpenID Connect sign-in scheme per provider, added on the node that needs it, when it needs it, from the
/// provider's row. The scheme's name carries the row's <see cref="IdentityProvider.Revision"/>: a provider edited on
/// another node has a new revision here on its next sign-in, so this node drops the old scheme and its cached
/// options (the discovery document and keys with them) and builds the handler from the new settings.
/// </summary>
public sealed class ProviderSchemes(IAuthenticationSchemeProvider schemes, IOptionsMonitorCache<OpenIdConnectOptions> options) : IDisposable
{
    public const string ExternalCookie = "sso-external";
    private const string Prefix = "sso:";

    private readonly ConcurrentDictionary<string, IdentityProvider> _rows = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public static string CallbackPath(string providerId) => $"/sso/{providerId}/callback";

    /// <summary>The scheme that signs in through <paramref name="provider"/> as it is now; added if this node lacks it.</summary>
    public async Task<string> EnsureAsync(IdentityProvider provider)
    {
        var name = $"{Prefix}{provider.Id}:{provider.Revision}";
        if (_rows.ContainsKey(name) && await schemes.GetSchemeAsync(name) is not null) return name;
        await _gate.WaitAsync();
        try
        {
            await RemoveStaleAsync(provider.Id, name);
            _rows[name] = provider;
            schemes.TryAddScheme(new AuthenticationScheme(name, provider.Name, typeof(OpenIdConnectHandler)));
            return name;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Drops every scheme of a provider that no longer exists (or is no longer OpenID).</summary>
    public async Task ForgetAsync(string providerId)
    {
        await _gate.WaitAsync();
        try
        {
            await RemoveStaleAsync(providerId, keep: null);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The provider row a scheme was built from; null for schemes that are not a provider's.</summary>
    public IdentityProvider? RowOf(string schemeName) => _rows.GetValueOrDefault(schemeName);

    public static bool IsProviderScheme(string schemeName) => schemeName.StartsWith(Prefix, StringComparison.Ordinal);

    public void Dispose() => _gate.Dispose();

    private async Task RemoveStaleAsync(string providerId, string? keep)
    {
        var own = $"{Prefix}{providerId}:";
        foreach (var scheme in await schemes.GetAllSchemesAsync())
        {
            if (!scheme.Name.StartsWith(own, StringComparison.Ordinal) || scheme.Name == keep) continue;
            schemes.RemoveScheme(scheme.Name);
            options.TryRemove(scheme.Name);
            _rows.TryRemove(scheme.Name, out _);
        }
    }
}
