using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Invitations;
using Roster.Sessions;
using Roster.Users;

namespace Roster.Sso;

/// <param name="Claims">The ID token's claims as the provider sent them (names unmapped); a claim listed several times repeats.</param>
/// <param name="DeviceCookie">The browser's device cookie, if it sent one (<see cref="DeviceCookies"/>).</param>
public sealed record SsoSignInRequest(
    string ProviderId, IReadOnlyCollection<KeyValuePair<string, string>> Claims, string? Ip, string? UserAgent, string? DeviceCookie = null);

/// <summary>
/// The end of a sign-in through an OpenID provider, once its handler has checked the ID token (signature, issuer,
/// audience, lifetime, nonce): whether this person may sign in through this provider, and if so the same
/// server-side session a password sign-in opens. The provider proves who the person is; Roster still decides whether
/// they have a user here: someone with neither a user nor a pending invitation is refused, never created.
/// </summary>
public sealed class SsoSignIn(
    RosterDbContext db, UserManager<User> users, SignInRoutes routes, AcceptInvitation invitations, SyncProviderGroups groups,
    SsoRefusals refusals, DeviceCookies devices, OpenSession open)
{
    /// <summary>
    /// RFC 8176 methods that mean the provider asked for more than a password: a second factor, a key, or a biometric.
    /// <c>pwd</c>, <c>kba</c> and <c>pin</c> alone do not count.
    /// </summary>
    public static readonly IReadOnlySet<string> MultiFactorMethods =
        new HashSet<string>(StringComparer.Ordinal) { "mfa", "otp", "hwk", "swk", "sms", "tel", "fpt", "face", "iris", "retina", "vbm", "sc" };

    /// <summary>A session, or, for a user with Roster's authenticator whose provider did not ask for a second factor, the code step.</summary>
    public async Task<Result<SignInStep>> HandleAsync(SsoSignInRequest request, CancellationToken ct = default)
    {
        var provider = await db.IdentityProviders.AsNoTracking()
            .SingleOrDefaultAsync(p => p.Id == request.ProviderId && p.Type == IdentityProviderType.OpenId, ct);
        if (provider is null) return await refusals.RefuseAsync(request, null, null, SsoRefusals.UnknownProvider, ct);

        var externalId = Claim(request, provider.ExternalIdClaim);
        var email = Claim(request, provider.EmailClaim)?.Trim();
        if (string.IsNullOrEmpty(externalId) || externalId.Length > 256 || UserRules.ValidateEmail(email) is not null)
            return await refusals.RefuseAsync(request, provider, null, SsoRefusals.ClaimsMissing, ct);
        if (!string.Equals(Claim(request, "email_verified"), "true", StringComparison.OrdinalIgnoreCase))
            return await refusals.RefuseAsync(request, provider, null, SsoRefusals.EmailUnverified(email!), ct);

        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == users.NormalizeEmail(email), ct);
        var route = await routes.ForEmailAsync(email!, user?.Id, ct);
        if (route is null || route.Provider.Id != provider.Id)
        {
            // The provider's account can make its provider assert any email: its trail names only people it already
            // knows (a member, or someone of its own domains), or it would learn who has a Roster user (ADR 0009).
            var known = user is not null && (route?.Provider.AccountId == provider.AccountId
                || await db.Memberships.AnyAsync(m => m.AccountId == provider.AccountId && m.UserId == user.Id, ct));
            return await refusals.RefuseAsync(request, provider, known ? user : null, SsoRefusals.DomainNotServed(email!, provider.Name), ct);
        }
        if (user is null) return await refusals.RefuseAsync(request, provider, null, SsoRefusals.NotInvited, ct);

        var linked = await LinkAsync(user, provider, externalId, Claim(request, provider.NameClaim), request.Ip, ct);
        if (!linked.Succeeded) return await refusals.RefuseAsync(request, provider, user, linked.Error, ct);

        if (provider.GroupsAuto && provider.GroupsClaim is { Length: > 0 } groupsClaim)
            await groups.HandleAsync(provider, user, Claims(request, groupsClaim), request.Ip, request.UserAgent, ct);

        var providerMfa = Claims(request, "amr").Any(MultiFactorMethods.Contains);
        var client = devices.ClientOf(request.DeviceCookie, user);
        var origin = new SessionOrigin(provider.Id, provider.Name, providerMfa);
        if (user.HasMfa && !providerMfa) return new SignInStep(null, user.Id, user.SecurityStamp, origin);
        return new SignInStep(await open.HandleAsync(user, client, request.Ip, request.UserAgent, null, origin, ct), null, null);
    }

    /// <summary>
    /// Ties the person's user to their identity at the provider (Identity's user logins), once: the first sign-in
    /// links, later ones must come with the same external id. Someone invited and not yet registered registers here.
    /// </summary>
    private async Task<Result> LinkAsync(User user, IdentityProvider provider, string externalId, string? name, string? ip, CancellationToken ct)
    {
        var logins = await db.UserLogins
            .Where(l => l.LoginProvider == provider.Id && (l.UserId == user.Id || l.ProviderKey == externalId)).ToListAsync(ct);
        if (logins.Any(l => l.UserId != user.Id || l.ProviderKey != externalId)) return SsoRefusals.IdentityMismatch;
        var registered = user.PasswordHash is not null || await db.UserLogins.AnyAsync(l => l.UserId == user.Id, ct);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!registered && !await invitations.JoinThroughProviderAsync(user, name, ip, ct)) return SsoRefusals.NotInvited;
        if (logins.Count == 0)
            db.UserLogins.Add(new IdentityUserLogin<string>
            {
                LoginProvider = provider.Id, ProviderKey = externalId, ProviderDisplayName = provider.Name, UserId = user.Id,
            });
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (UniqueKeys.IsViolation(e) || e is DbUpdateConcurrencyException)
        {
            // Two first sign-ins at once: the other one linked (or registered) first.
            return SsoRefusals.TryAgain;
        }
        await transaction.CommitAsync(ct);
        return Result.Ok();
    }

    private static string? Claim(SsoSignInRequest request, string type) =>
        request.Claims.FirstOrDefault(c => c.Key == type).Value;

    private static IReadOnlyList<string> Claims(SsoSignInRequest request, string type) =>
        [.. request.Claims.Where(c => c.Key == type).Select(c => c.Value)];
}
