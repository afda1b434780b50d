using Microsoft.Extensions.DependencyInjection;
using Roster.Common;
using Roster.Data;
using Roster.Sso;

namespace Roster.Web.Tests.Infrastructure;

/// <summary>
/// Domains, providers and people's own providers written straight into the server's database, for tests of what
/// reads them (the Users list, the Directory, the Policies tab) without going through their management screens.
/// </summary>
public static class SsoOnServer
{
    /// <summary>A domain <paramref name="accountId"/> claims, in <paramref name="status"/>, optionally served by a provider.</summary>
    public static async Task<string> DomainAsync(
        RosterServer server, string accountId, string name, DomainStatus status = DomainStatus.Verified,
        string? providerId = null, bool enforce = false)
    {
        var domain = new Domain
        {
            Id = Ids.NewDomainId(), AccountId = accountId, Name = name, Token = Guid.NewGuid().ToString("N"), Status = status,
            IdentityProviderId = providerId, Enforce = enforce, CreatedAt = server.Clock.GetUtcNow(), UpdatedAt = server.Clock.GetUtcNow(),
        };
        await SaveAsync(server, db => db.Domains.Add(domain));
        return domain.Id;
    }

    /// <summary>A provider of <paramref name="accountId"/>: OpenID (with made-up settings nobody calls) or Roster's own password sign-in.</summary>
    public static async Task<string> ProviderAsync(
        RosterServer server, string accountId, string name, IdentityProviderType type = IdentityProviderType.OpenId)
    {
        var provider = new IdentityProvider
        {
            Id = Ids.NewIdentityProviderId(), AccountId = accountId, Name = name, Type = type,
            Issuer = type == IdentityProviderType.OpenId ? "https://idp.invalid" : null,
            ClientId = type == IdentityProviderType.OpenId ? "roster" : null,
            CreatedAt = server.Clock.GetUtcNow(), UpdatedAt = server.Clock.GetUtcNow(),
        };
        await SaveAsync(server, db => db.IdentityProviders.Add(provider));
        return provider.Id;
    }

    /// <summary>Points one person of a domain at another provider, as <c>PUT /domains/{d}/users/{u}</c> does.</summary>
    public static Task OverrideAsync(RosterServer server, string domainId, string userId, string providerId) =>
        SaveAsync(server, db => db.DomainUsers.Add(new DomainUser
        {
            DomainId = domainId, UserId = userId, IdentityProviderId = providerId, UpdatedAt = server.Clock.GetUtcNow(),
        }));

    /// <summary>Links a person to their id at a provider, as their first sign-in through it does.</summary>
    public static Task LinkAsync(RosterServer server, string userId, string providerId, string externalId) =>
        SaveAsync(server, db => db.UserLogins.Add(new Microsoft.AspNetCore.Identity.IdentityUserLogin<string>
        {
            UserId = userId, LoginProvider = providerId, ProviderKey = externalId, ProviderDisplayName = providerId,
        }));

    private static async Task SaveAsync(RosterServer server, Action<RosterDbContext> change)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RosterDbContext>();
        change(db);
        await db.SaveChangesAsync();
    }
}
