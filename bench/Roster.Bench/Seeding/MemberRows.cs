using Microsoft.AspNetCore.Identity;
using Roster.Accounts;
using Roster.Common;
using Roster.Groups;
using Roster.Invitations;
using Roster.Users;

namespace Roster.Bench.Seeding;

/// <summary>What every seeded member shares: the account, who invited them, and the one password hash.</summary>
public sealed record MemberContext(
    string AccountId, Actor Inviter, IReadOnlyList<string> GroupIds, string PasswordHash, ILookupNormalizer Normalizer,
    InvitationLinks Links, TimeSpan InvitationLifetime, DateTimeOffset Now, int Members, SeedIds UserIds, SeedIds InvitationIds);

/// <summary>
/// The rows of a batch of members, built with Roster's own entity classes: users, memberships (whose name and email
/// copy the user's), group memberships, and the pending invitations of invited and expired members.
/// </summary>
public sealed class MemberRows(MemberContext context)
{
    public List<User> Users { get; } = [];
    public List<Membership> Memberships { get; } = [];
    public List<GroupMember> GroupMembers { get; } = [];
    public List<Invitation> Invitations { get; } = [];

    public async Task<MemberPlan> AddAsync(int index, CancellationToken ct)
    {
        var plan = new MemberPlan(index);
        var (name, email) = People.Person(index, context.Members);
        var status = plan.Status;
        var invitedAt = context.Now - plan.Age;
        var user = new User
        {
            Id = context.UserIds.For(index),
            Name = name,
            Email = email,
            UserName = email,
            NormalizedEmail = context.Normalizer.NormalizeEmail(email),
            NormalizedUserName = context.Normalizer.NormalizeName(email),
            SecurityStamp = Guid.NewGuid().ToString("N"),
            LockoutEnabled = true,
            CreatedAt = invitedAt,
            LastAccountId = context.AccountId,
        };
        var membership = new Membership
        {
            AccountId = context.AccountId,
            UserId = user.Id,
            CreatedAt = invitedAt,
            Name = name,
            Email = email,
        };
        membership.MarkInvited(context.Inviter, invitedAt);
        if (status == MembershipStatus.Active)
        {
            // Members who accepted their invitation registered a password; invitees have none yet.
            user.PasswordHash = context.PasswordHash;
            user.EmailConfirmed = true;
            user.LastSignedInAt = context.Now - plan.LastSignIn;
            membership.Activate(invitedAt + TimeSpan.FromHours(1));
            membership.SignedInAt = user.LastSignedInAt;
        }
        else
        {
            if (status == MembershipStatus.Expired) membership.Expire();
            Invitations.Add(await InvitationAsync(index, membership, invitedAt, ct));
        }
        Users.Add(user);
        Memberships.Add(membership);
        AddToGroup(plan.PrimaryGroup, user.Id, invitedAt);
        if (plan.SecondGroup is { } second) AddToGroup(second, user.Id, invitedAt);
        return plan;
    }

    /// <summary>Left pending even when lapsed, as Roster leaves it: the member's status says it expired.</summary>
    private async Task<Invitation> InvitationAsync(int index, Membership membership, DateTimeOffset at, CancellationToken ct)
    {
        var id = context.InvitationIds.For(index);
        return new Invitation
        {
            Id = id,
            AccountId = membership.AccountId,
            UserId = membership.UserId,
            Email = membership.Email,
            TokenHash = Secrets.Hash(await context.Links.TokenForAsync(id, ct)),
            CreatedAt = at,
            ExpiresAt = at + context.InvitationLifetime,
            InvitedById = context.Inviter.Id,
            InvitedByName = context.Inviter.Name,
        };
    }

    private void AddToGroup(int group, string userId, DateTimeOffset at) =>
        GroupMembers.Add(new GroupMember { GroupId = context.GroupIds[group], AccountId = context.AccountId, UserId = userId, AddedAt = at });
}
