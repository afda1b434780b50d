using Roster.Accounts;
using Roster.Users;
using static Roster.Web.Api.Shapes;

namespace Roster.Web.Api;

/// <summary>An account user as Connect's /accounts/{a}/users answers it.</summary>
public static class MemberShapes
{
    public sealed record MemberBody(
        string Id, string Name, string Email, string Status, bool Active, MemberEvents Events,
        IReadOnlyList<Reference> Groups, InvitationBody? Invitation, SignInShapes.IdpBody? Idp, SignInShapes.DomainUserBody? Domain);
    /// <summary><c>revoked</c> is Roster's: Connect publishes no revocation and answers such a member as expired.</summary>
    public sealed record MemberEvents(Event Created, Event? Invited, Event? Activated, Event? Signed, Event? Revoked);
    public sealed record InvitationBody(string Link, DateTimeOffset ExpiresAt);

    public static MemberBody Member(MemberView m) => new(
        m.Id, m.Name, m.Email, m.Status.ToString().ToLowerInvariant(), m.Status == MembershipStatus.Active,
        new MemberEvents(
            new Event(m.CreatedAt),
            m.InvitedAt is null ? null : new Event(m.InvitedAt.Value, m.InvitedById is null ? null : Ref(m.InvitedById, m.InvitedByName)),
            m.ActivatedAt is null ? null : new Event(m.ActivatedAt.Value),
            m.SignedInAt is null ? null : new Event(m.SignedInAt.Value),
            m.Revocation is not { } revoked ? null : new Event(revoked.At, revoked.ById is null ? null : Ref(revoked.ById, revoked.ByName))),
        [.. m.Groups.Select(g => new Reference(g.Id, g.Name))],
        m.InvitationLink is null ? null : new InvitationBody(m.InvitationLink, m.InvitationExpiresAt!.Value),
        SignInShapes.Idp(m.Route), SignInShapes.Domain(m.Route));
}
