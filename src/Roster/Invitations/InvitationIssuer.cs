using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roster.Accounts;
using Roster.Common;
using Roster.Data;
using Roster.Users;

namespace Roster.Invitations;

/// <summary>Issues a fresh invitation for a member: earlier links die, the member is invited, the mail is queued.</summary>
public sealed class InvitationIssuer(RosterDbContext db, InvitationLinks links, PublicAddress address, IOptions<InvitationOptions> options, TimeProvider clock)
{
    public async Task IssueAsync(Membership membership, User user, string accountName, Actor by, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var pending = await db.Invitations
            .Where(i => i.AccountId == membership.AccountId && i.UserId == membership.UserId && i.Status == InvitationStatus.Pending)
            .ToListAsync(ct);
        foreach (var old in pending) old.Supersede();

        var id = Ids.NewInvitationId();
        var token = await links.TokenForAsync(id, ct);
        var invitation = new Invitation
        {
            Id = id,
            AccountId = membership.AccountId,
            UserId = membership.UserId,
            Email = user.Email!,
            TokenHash = Secrets.Hash(token),
            CreatedAt = now,
            ExpiresAt = now + options.Value.Lifetime,
            InvitedById = by.Id,
            InvitedByName = by.Name,
        };
        db.Invitations.Add(invitation);
        membership.MarkInvited(by, now);
        var link = InvitationLinks.Url(address, token);
        InvitationMail.Invite(db, user.Email!, user.Name, accountName, by.Name, link, invitation.ExpiresAt, now);
    }
}
