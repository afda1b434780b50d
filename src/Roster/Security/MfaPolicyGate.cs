using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Common;
using Roster.Data;
using Roster.Sessions;

namespace Roster.Security;

/// <summary>An account's MFA policy as it bears on a member who has not turned MFA on.</summary>
public sealed record MfaDemand(string AccountId, string AccountName, MfaPolicy Policy)
{
    public bool Blocks => Policy == MfaPolicy.Required;
}

/// <summary>
/// Applies the accounts' MFA policies to users (API tokens are not subject to them). Read on each request, so a
/// policy change, or the user enabling MFA, takes effect on the next one. A session whose identity provider said it
/// asked for a second factor (<see cref="Sessions.Session.ProviderMfa"/>) satisfies every policy (ADR 0012).
/// </summary>
public sealed class MfaPolicyGate(RosterDbContext db, CheckedCredential credential)
{
    /// <summary>
    /// The strictest policy, other than optional, among the accounts the request reaches (the session's active
    /// account and <paramref name="targetAccountId"/>) that the user is an active member of, when the user has no
    /// MFA; otherwise null. Non-members learn nothing about an account's policy.
    /// </summary>
    public async Task<MfaDemand?> DemandAsync(Actor actor, string? targetAccountId, CancellationToken ct = default)
    {
        if (!actor.IsUser) return null;
        string[] reached = [.. new[] { actor.AccountId, targetAccountId }.OfType<string>().Distinct()];
        if (reached.Length == 0) return null;
        // The credential's check read the policy of the active account with the session; only another account costs a query.
        if (credential.For(actor) is { } facts && (facts.MfaSatisfied || reached is [var only] && only == actor.AccountId))
            return facts.MfaSatisfied || facts.Account is null || facts.MfaPolicy == MfaPolicy.Optional
                ? null
                : new MfaDemand(facts.Account.Id, facts.Account.Name, facts.MfaPolicy);
        return await db.Accounts.AsNoTracking()
            .Where(a => reached.Contains(a.Id) && a.MfaPolicy != MfaPolicy.Optional
                        && db.Memberships.Any(m => m.AccountId == a.Id && m.UserId == actor.Id && m.Status == MembershipStatus.Active)
                        && db.Users.Any(u => u.Id == actor.Id && u.AuthenticatorKey == null)
                        && !db.Sessions.Any(s => s.Id == actor.SessionId && s.ProviderMfa))
            .OrderBy(a => a.MfaPolicy == MfaPolicy.Required ? 0 : 1)
            .Select(a => new MfaDemand(a.Id, a.Name, a.MfaPolicy))
            .FirstOrDefaultAsync(ct);
    }
}
