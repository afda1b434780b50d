using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;

namespace Roster.Sso;

/// <summary>What the provider's discovery document says, or why it could not be read or trusted.</summary>
public sealed record ConnectionTest(
    bool Ok, string DiscoveryUrl, string? Issuer = null, string? AuthorizationEndpoint = null, string? TokenEndpoint = null,
    string? JwksUri = null, string? Reason = null);

/// <summary>
/// Fetches an OpenID provider's discovery document, as sign-in will, and checks that it names the configured issuer:
/// a mistyped issuer then shows here rather than as refused sign-ins.
/// </summary>
public sealed class TestIdentityProvider(RosterDbContext db, IHttpClientFactory http)
{
    public const string HttpClientName = "Roster.Sso.Discovery";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<Result<ConnectionTest>> HandleAsync(string providerId, Actor actor, CancellationToken ct = default)
    {
        var allowed = await DomainQueries.RequireManagerAsync(db, actor, ct);
        if (!allowed.Succeeded) return allowed.Error;
        var provider = await db.IdentityProviders.AsNoTracking().SingleOrDefaultAsync(p => p.Id == providerId && p.AccountId == actor.AccountId, ct);
        if (provider is null) return Error.NotFound("idp");
        if (provider is not { Type: IdentityProviderType.OpenId, Issuer: { } issuer })
            return new Error("idp.not_openid", "Only an OpenID Connect provider has a connection to test.");
        return await DiscoverAsync(issuer, ct);
    }

    private async Task<ConnectionTest> DiscoverAsync(string issuer, CancellationToken ct)
    {
        var url = issuer.TrimEnd('/') + "/.well-known/openid-configuration";
        JsonElement document;
        try
        {
            using var client = http.CreateClient(HttpClientName);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(Timeout);
            using var response = await client.GetAsync(url, timeout.Token);
            if (!response.IsSuccessStatusCode)
                return new ConnectionTest(false, url, Reason: $"{url} answered HTTP {(int)response.StatusCode} instead of the discovery document. Check the issuer.");
            document = await response.Content.ReadFromJsonAsync<JsonElement>(timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new ConnectionTest(false, url, Reason: $"The provider did not answer {url} within {Timeout.TotalSeconds:0} seconds.");
        }
        catch (HttpRequestException e)
        {
            return new ConnectionTest(false, url, Reason: $"The provider could not be reached at {url}: {e.Message}");
        }
        catch (JsonException)
        {
            return new ConnectionTest(false, url, Reason: $"{url} did not answer a JSON discovery document. Check the issuer.");
        }
        if (document.ValueKind != JsonValueKind.Object)
            return new ConnectionTest(false, url, Reason: $"{url} did not answer a JSON discovery document. Check the issuer.");

        var named = Text(document, "issuer");
        if (named != issuer)
            return new ConnectionTest(false, url, named, Reason: named is null
                ? $"The discovery document at {url} names no issuer."
                : $"The provider names its issuer {named}, not {issuer}. Set the issuer exactly as the provider names it.");
        var (authorization, token, jwks) = (Text(document, "authorization_endpoint"), Text(document, "token_endpoint"), Text(document, "jwks_uri"));
        var missing = new[] { ("authorization_endpoint", authorization), ("token_endpoint", token), ("jwks_uri", jwks) }
            .Where(f => f.Item2 is null).Select(f => f.Item1).ToList();
        if (missing.Count > 0)
            return new ConnectionTest(false, url, named, authorization, token, jwks, $"The discovery document has no {string.Join(", ", missing)}.");
        return new ConnectionTest(true, url, named, authorization, token, jwks);
    }

    private static string? Text(JsonElement document, string property) =>
        document.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
