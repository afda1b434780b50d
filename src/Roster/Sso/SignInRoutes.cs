using System.Linq.Expressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Querying;

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

/// <summary>A provider as lists show it beside a person.</summary>
public sealed record ProviderRef(string Id, string Name, IdentityProviderType Type)
{
    /// <summary>Whether it signs people in instead of Roster's password (only OpenID does, until SAML is built).</summary>
    public bool IsSso => Type == IdentityProviderType.OpenId;
}

/// <summary>
/// How a listed person signs in: the verified domain of their email (whichever account holds it), and the provider
/// the rule gives them, or none (Roster's password); <paramref name="DomainProvider"/> is the domain's own, which
/// the domain's account may have overridden for this person.
/// </summary>
public sealed record PersonRoute(string? DomainId, string? DomainName, bool Enforced, ProviderRef? Provider, ProviderRef? DomainProvider = null)
{
    public static PersonRoute BuiltIn { get; } = new(null, null, false, null);

    /// <summary>"Built-in" or "SSO (provider)", as the Users list and the Directory name it.</summary>
    public string AuthMode => Provider is { IsSso: true } p ? $"SSO ({p.Name})" : "Built-in";
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

    /// <summary>
    /// The same rule in SQL, for lists that filter by it at a million rows: the id of the provider of the person with
    /// <paramref name="userId"/> and <paramref name="emailDomain"/> (the row's computed, indexed domain column), or null.
    /// </summary>
    public static Expression<Func<T, string?>> ProviderIdOf<T>(
        RosterDbContext db, Expression<Func<T, string>> userId, Expression<Func<T, string?>> emailDomain) =>
        Over((string user, string? domain) =>
            db.DomainUsers
                .Where(p => p.UserId == user && db.Domains.Any(d => d.Id == p.DomainId && d.Name == domain && d.Status == DomainStatus.Verified))
                .Select(p => p.IdentityProviderId).FirstOrDefault()
            ?? db.Domains.Where(d => d.Name == domain && d.Status == DomainStatus.Verified).Select(d => d.IdentityProviderId).FirstOrDefault(),
            userId, emailDomain);

    /// <summary>The id of the verified domain of the row's email, whichever account holds it, or null.</summary>
    public static Expression<Func<T, string?>> DomainIdOf<T>(RosterDbContext db, Expression<Func<T, string?>> emailDomain) =>
        Over((string _, string? domain) =>
            db.Domains.Where(d => d.Name == domain && d.Status == DomainStatus.Verified).Select(d => d.Id).FirstOrDefault(),
            _ => "", emailDomain);

    /// <summary>Connect's <c>domain.auth.idp.id</c>: the provider the verified domain of the row's email signs in through, or null.</summary>
    public static Expression<Func<T, string?>> DomainProviderIdOf<T>(RosterDbContext db, Expression<Func<T, string?>> emailDomain) =>
        Over((string _, string? domain) =>
            db.Domains.Where(d => d.Name == domain && d.Status == DomainStatus.Verified).Select(d => d.IdentityProviderId).FirstOrDefault(),
            _ => "", emailDomain);

    /// <summary>Connect's <c>domain.auth.enforce</c>: whether the verified domain of the row's email requires single sign-on.</summary>
    public static Expression<Func<T, bool>> DomainEnforcedOf<T>(RosterDbContext db, Expression<Func<T, string?>> emailDomain)
    {
        Expression<Func<string?, bool>> rule = domain => db.Domains.Any(d => d.Name == domain && d.Status == DomainStatus.Verified && d.Enforce);
        var row = Expression.Parameter(typeof(T), "row");
        return Expression.Lambda<Func<T, bool>>(ParameterSwap.Body(rule, ParameterSwap.Body(emailDomain, row)), row);
    }

    /// <summary>
    /// Connect's <c>external_id</c>: the person's id at the provider that signed them in (Identity's user logins, one
    /// per provider; a person signs in through one at a time), or null for someone who never signed in through one.
    /// </summary>
    public static Expression<Func<T, string?>> ExternalIdOf<T>(RosterDbContext db, Expression<Func<T, string>> userId) =>
        Over((string user, string? _) =>
            db.UserLogins.Where(l => l.UserId == user).OrderBy(l => l.LoginProvider).Select(l => l.ProviderKey).FirstOrDefault(),
            userId, _ => null);

    /// <summary>
    /// The routes of a page of members of whom at least one has an email in a verified domain, which the caller has
    /// learnt from <see cref="VerifiedAmong"/> (a page without one needs no more: <see cref="BuiltIn"/>): three
    /// small queries.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, PersonRoute>> ForMembersOfVerifiedDomainsAsync(
        string accountId, IReadOnlyCollection<(string UserId, string? EmailDomain)> people, CancellationToken ct = default)
    {
        var userIds = people.Select(p => p.UserId).ToList();
        return await ForRowsAsync(db.Memberships.Where(m => m.AccountId == accountId && userIds.Contains(m.UserId)), m => m.UserId, m => m.EmailDomain, ct);
    }

    /// <summary>Everyone on Roster's own password: no verified domain holds any of their emails.</summary>
    public static IReadOnlyDictionary<string, PersonRoute> BuiltIn(IReadOnlyCollection<(string UserId, string? EmailDomain)> people) =>
        people.DistinctBy(p => p.UserId).ToDictionary(p => p.UserId, _ => PersonRoute.BuiltIn);

    /// <summary>The ids of the verified domains among the email domains of these people.</summary>
    public IQueryable<string> VerifiedAmong(IReadOnlyCollection<(string UserId, string? EmailDomain)> people)
    {
        var names = people.Select(p => p.EmailDomain).OfType<string>().Distinct().ToList();
        return db.Domains.Where(d => names.Contains(d.Name) && d.Status == DomainStatus.Verified).Select(d => d.Id);
    }

    /// <summary>The routes of a page of people, read from their users.</summary>
    public async Task<IReadOnlyDictionary<string, PersonRoute>> ForUsersAsync(
        IReadOnlyCollection<(string UserId, string? EmailDomain)> people, CancellationToken ct = default)
    {
        if (!await AnyVerifiedAsync(people, ct)) return BuiltIn(people);
        var userIds = people.Select(p => p.UserId).ToList();
        return await ForRowsAsync(db.Users.Where(u => userIds.Contains(u.Id)), u => u.Id, u => u.EmailDomain, ct);
    }

    private async Task<bool> AnyVerifiedAsync(IReadOnlyCollection<(string UserId, string? EmailDomain)> people, CancellationToken ct) =>
        people.Any(p => p.EmailDomain is not null) && await VerifiedAmong(people).AnyAsync(ct);

    private async Task<IReadOnlyDictionary<string, PersonRoute>> ForRowsAsync<T>(
        IQueryable<T> rows, Expression<Func<T, string>> userId, Expression<Func<T, string?>> emailDomain, CancellationToken ct)
    {
        var row = Expression.Parameter(typeof(T), "row");
        var select = Expression.Lambda<Func<T, RouteIds>>(
            Expression.New(typeof(RouteIds).GetConstructors()[0],
                ParameterSwap.Body(userId, row),
                ParameterSwap.Body(DomainIdOf(db, emailDomain), row),
                ParameterSwap.Body(ProviderIdOf(db, userId, emailDomain), row)),
            row);
        var ids = await rows.Select(select).ToListAsync(ct);
        var domainIds = ids.Where(i => i.DomainId is not null).Select(i => i.DomainId!).Distinct().ToList();
        if (domainIds.Count == 0) return ids.ToDictionary(i => i.UserId, _ => PersonRoute.BuiltIn);

        var domains = await db.Domains.AsNoTracking().Where(d => domainIds.Contains(d.Id))
            .Select(d => new { d.Id, d.Name, d.Enforce, d.IdentityProviderId }).ToDictionaryAsync(d => d.Id, ct);
        var providerIds = ids.Select(i => i.ProviderId).Concat(domains.Values.Select(d => d.IdentityProviderId))
            .OfType<string>().Distinct().ToList();
        var providers = await db.IdentityProviders.AsNoTracking().Where(p => providerIds.Contains(p.Id))
            .Select(p => new ProviderRef(p.Id, p.Name, p.Type)).ToDictionaryAsync(p => p.Id, ct);
        return ids.ToDictionary(i => i.UserId, i => i.DomainId is { } d && domains.TryGetValue(d, out var domain)
            ? new PersonRoute(domain.Id, domain.Name, domain.Enforce, i.ProviderId is { } p ? providers.GetValueOrDefault(p) : null,
                domain.IdentityProviderId is { } dp ? providers.GetValueOrDefault(dp) : null)
            : PersonRoute.BuiltIn);
    }

    private sealed record RouteIds(string UserId, string? DomainId, string? ProviderId);

    private static Expression<Func<T, string?>> Over<T>(
        Expression<Func<string, string?, string?>> rule, Expression<Func<T, string>> userId, Expression<Func<T, string?>> emailDomain)
    {
        var row = Expression.Parameter(typeof(T), "row");
        var body = new Substitution(rule.Parameters[0], ParameterSwap.Body(userId, row), rule.Parameters[1], ParameterSwap.Body(emailDomain, row))
            .Visit(rule.Body);
        return Expression.Lambda<Func<T, string?>>(body, row);
    }

    private sealed class Substitution(ParameterExpression user, Expression userValue, ParameterExpression domain, Expression domainValue) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) =>
            node == user ? userValue : node == domain ? domainValue : node;
    }
}
