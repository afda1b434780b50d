using Microsoft.EntityFrameworkCore;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Mail;

namespace Roster.Invitations;

/// <summary>
/// From a dead link's page, asks the inviter for a new invitation. Once per invitation, so the button cannot be
/// used to flood anyone; answers the same whatever happened, so it reveals nothing.
/// </summary>
public sealed class RequestNewInvitation(RosterDbContext db, PublicAddress address, OutboxSignal signal, TimeProvider clock)
{
    public async Task HandleAsync(string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 128) return;
        var hash = Secrets.Hash(token);
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.TokenHash == hash, ct);
        if (invitation is null || invitation.RenewalRequestedAt is not null || invitation.Status == InvitationStatus.Accepted) return;

        var inviter = await db.Users.Where(u => u.Id == invitation.InvitedById).Select(u => u.Email).SingleOrDefaultAsync(ct);
        var account = await db.Accounts.Where(a => a.Id == invitation.AccountId).Select(a => a.Name).SingleOrDefaultAsync(ct);
        var now = clock.GetUtcNow();
        invitation.RenewalRequestedAt = now;
        if (inviter is not null && account is not null)
            InvitationMail.RenewalRequested(db, inviter, invitation.Email, account, address.Link("/settings/users"), now);
        db.Record(new Actor(ActorKind.User, invitation.UserId, invitation.Email, invitation.AccountId), AuditAction.InvitationRenewalRequested,
            "user", invitation.UserId, invitation.Email, now, invitation.AccountId);
        await db.SaveChangesAsync(ct);
        signal.Poke();
    }
}
