using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Users;

namespace Roster.Sso;

/// <summary>
/// Why a sign-in through a provider was refused, in words for the person, and the record of it: in the provider's
/// account's trail (the account connected the provider and wants to see who it turned away), on the user when
/// Roster knows them.
/// </summary>
public sealed class SsoRefusals(RosterDbContext db, TimeProvider clock)
{
    public static readonly Error UnknownProvider = new("sso.unknown_provider",
        "This sign-in link leads to an identity provider Roster no longer knows. Start again from the sign-in page.");

    public static readonly Error ClaimsMissing = new("sso.claims_missing",
        "Your identity provider did not say who you are (an identifier and an email). Ask your administrator to check its settings.");

    public static readonly Error NotInvited = new("sso.not_invited",
        "You do not have a Roster user yet. Ask your administrator to invite you, then sign in again.");

    public static readonly Error IdentityMismatch = new("sso.identity_mismatch",
        "Your identity provider signed you in as someone other than the person this Roster user is linked to. Ask your administrator.");

    public static readonly Error TryAgain = new("sso.try_again", "Your sign-in crossed another one. Sign in again.", ErrorKind.Conflict);

    public static readonly Error Failed = new("sso.failed",
        "The sign-in through your identity provider could not be completed. Start again from the sign-in page.");

    public static Error EmailUnverified(string email) => new("sso.email_unverified",
        $"Your identity provider has not verified {email}. Verify it there, then sign in again.");

    public static Error DomainNotServed(string email, string provider) => new("sso.domain_not_served",
        $"{provider} does not sign in people of {SignInRoutes.DomainOf(email)} here. Sign in from the sign-in page with your email.");

    /// <summary>Records the refusal and answers it; nothing else the sign-in did so far is saved.</summary>
    public async Task<Error> RefuseAsync(SsoSignInRequest request, IdentityProvider? provider, User? user, Error reason, CancellationToken ct)
    {
        await RecordAsync(provider, user, reason.Code, request.Ip, request.UserAgent, ct);
        return reason;
    }

    /// <summary>A refusal before Roster's completion: the provider's handler turned the answer down (state, token, nonce).</summary>
    public async Task RecordAsync(IdentityProvider? provider, User? user, string reason, string? ip, string? userAgent, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var actor = user is null
            ? Actor.System with { Ip = ip, UserAgent = userAgent }
            : new Actor(ActorKind.User, user.Id, user.Name, null, null, ip, userAgent);
        var (type, id, name) = user is null ? ("identity_provider", provider?.Id ?? "unknown", provider?.Name) : ("user", user.Id, user.Name);
        db.Record(actor, AuditAction.SsoSignInRefused, type, id, name, clock.GetUtcNow(), provider?.AccountId,
            new { reason, identity_provider = provider is null ? null : new { id = provider.Id, name = provider.Name } });
        await db.SaveChangesAsync(ct);
    }
}
