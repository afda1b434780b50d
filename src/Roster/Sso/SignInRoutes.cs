using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;

namespace Roster.Sso;

/// <summary>
/// How a person signs in, by their email: through the provider of their verified domain (or the one the domain's
/// account pointed them at), or with Roster's own password.
/// </summary>
/// <param name="Provider">The OpenID provider that signs the person in.</param>
/// <param name="Enforced">Password sign-in and password reset are refused: only the provider signs them in.</param>
public sealed record SignInRoute(string DomainId, string DomainName, string AccountId, IdentityProvider Provider, bool Enforced)
{
    /// <summary>
    /// The answer to a password sign-in or reset for someone of an enforced domain. It tells no more than the domain
    /// does: whoever knows the email knows its domain, and the domain's route is the same for every address in it.
    /// </summary>
    public Error SsoRequired() => new("auth.sso_required",
        $"People of {DomainName} sign in through {Provider.Name}, not with a password. Sign in through {Provider.Name}: " +
        $"enter your email on the sign-in page and choose \"Continue with {Provider.Name}\".", ErrorKind.Validation);
}

public sealed class SignInRoutes(RosterDbContext db, ILookupNormalizer normalizer)
{
    /// <summary>The domain part of an email, lower case, or null when it has none.</summary>
    public static string? DomainOf(string email)
    {
        var at = email.LastIndexOf('@');
        return at < 0 || at == email.Length - 1 ? null : email[(at + 1)..].Trim().TrimEnd('.').ToLowerInvariant();
    }

    /// <summary>
    /// The route for <paramref name="email"/>; null when no account holds its domain verified or the domain names no
    /// OpenID provider. <paramref name="userId"/>, when known, brings in the person's own provider, if the domain's
    /// account set one.
    /// </summary>
    public async Task<SignInRoute?> ForEmailAsync(string email, string? userId, CancellationToken ct = default)
    {
        if (DomainOf(email) is not { } name) return null;
        var domain = await db.Domains.AsNoTracking().SingleOrDefaultAsync(d => d.Name == name && d.Status == DomainStatus.Verified, ct);
        if (domain is null) return null;
        var providerId = await db.DomainUsers.AsNoTracking()
            .Where(p => p.DomainId == domain.Id && p.UserId == userId)
            .Select(p => p.IdentityProviderId)
            .SingleOrDefaultAsync(ct) ?? domain.IdentityProviderId;
        if (providerId is null) return null;
        var provider = await db.IdentityProviders.AsNoTracking().SingleOrDefaultAsync(p => p.Id == providerId, ct);
        if (provider is not { Type: IdentityProviderType.OpenId }) return null;
        return new SignInRoute(domain.Id, domain.Name, domain.AccountId, provider, domain.Enforce);
    }

    /// <summary>The route for whoever has <paramref name="email"/>, their own provider included when they have a user.</summary>
    public async Task<SignInRoute?> ForPersonAsync(string email, CancellationToken ct = default)
    {
        var normalized = normalizer.NormalizeEmail(email.Trim());
        var userId = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).SingleOrDefaultAsync(ct);
        return await ForEmailAsync(email.Trim(), userId, ct);
    }

    /// <summary>An OpenID provider by id, as its sign-in handler is built from it; null when there is none.</summary>
    public Task<IdentityProvider?> OpenIdProviderAsync(string providerId, CancellationToken ct = default) =>
        db.IdentityProviders.AsNoTracking()
            .SingleOrDefaultAsync(p => p.Id == providerId && p.Type == IdentityProviderType.OpenId && p.Issuer != null && p.ClientId != null, ct);
}
