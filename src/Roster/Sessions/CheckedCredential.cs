using Roster.Accounts;
using Roster.Common;

namespace Roster.Sessions;

/// <summary>
/// What a credential's check read in the same statement as the credential: the account the actor works in (null when
/// they can no longer see it), whether that account's address rules bind the actor, its two-factor policy, and whether
/// the person has satisfied any such policy (their own authenticator, or the session's provider asked for a factor).
/// </summary>
public sealed record CredentialFacts(
    ActorKind Kind, string ActorId, string? AccountId, WorkingAccount? Account, bool AddressRulesApply,
    MfaPolicy MfaPolicy = MfaPolicy.Optional, bool MfaSatisfied = true);

/// <summary>
/// The facts read with this request's credential, so the steps after authentication (address rules, the two-factor
/// policy, the active account) answer from them rather than asking the database again: one round trip for the common
/// request, read at the same instant. Facts serve only the actor they were read for; once the actor differs (it
/// switched account within the request) every step reads the database as before.
/// </summary>
public sealed class CheckedCredential
{
    private CredentialFacts? _facts;

    public void Record(CredentialFacts facts) => _facts = facts;

    public CredentialFacts? For(Actor actor) =>
        _facts is { } facts && facts.Kind == actor.Kind && facts.ActorId == actor.Id && facts.AccountId == actor.AccountId ? facts : null;
}
