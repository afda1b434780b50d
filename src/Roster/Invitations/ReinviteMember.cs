using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Mail;
using Roster.Security;
using Roster.Users;

namespace Roster.Invitations;

/// <summary>Sends an invited or expired member a new link; the old one dies (expired -> invited).</summary>
public sealed class ReinviteMember(RosterDbContext db, InvitationIssuer issuer, MemberViews views, OutboxSignal signal, TimeProvider clock)
{
    public async Task<Result<MemberChange>> HandleAsync(string accountId, string userId, Actor actor, CancellationToken ct = default)
    {
        var locked = await MemberAccess.LockAsync(db, actor, accountId, ct);
        if (!locked.Succeeded) return locked.Error;
        await using var transaction = locked.Value;
        var found = await MemberAccess.FindAsync(db, accountId, userId, ct);
        if (!found.Succeeded) return found.Error;
        var membership = found.Value;
        if (membership.Status == MembershipStatus.Active)
            return new Error("users.already_member", "This user has already joined; there is no invitation to resend.");
        var reissued = await ReissueAsync(db, issuer, membership, actor, clock.GetUtcNow(), AuditAction.InvitationResent, ct);
        if (!reissued.Succeeded) return reissued.Error;
        var joined = reissued.Value;
        await db.SaveChangesAsync(ct);
        var view = await views.ForOneAsync(membership, withLinks: true, ct);
        await transaction.CommitAsync(ct);
        signal.Poke();
        return new MemberChange(view, joined ? MemberOutcome.Joined : MemberOutcome.InvitationReissued, Mailed: !joined);
    }

    /// <summary>
    /// Under the account lock: a new link for an invited or expired member, or, when they registered meanwhile, their
    /// joining. True when they joined. <paramref name="mailed"/> names the audit action of a new link.
    /// </summary>
    internal static async Task<Result<bool>> ReissueAsync(
        RosterDbContext db, InvitationIssuer issuer, Membership membership, Actor actor, DateTimeOffset now, AuditAction mailed, CancellationToken ct)
    {
        var accountId = membership.AccountId;
        var userId = membership.UserId;
        if (membership.Status == MembershipStatus.Expired)
        {
            // A revoked or lapsed invitation gave nothing any more: inviting again hands out its groups' modules anew.
            var groups = await db.GroupMembers.Where(g => g.AccountId == accountId && g.UserId == userId).Select(g => g.GroupId).ToListAsync(ct);
            var held = await Privileges.RequireHeldForGroupsAsync(db, actor, accountId, groups, "groups", ct);
            if (!held.Succeeded) return held.Error;
        }

        var user = await db.Users.SingleAsync(u => u.Id == userId, ct);
        var accountName = await db.Accounts.Where(a => a.Id == accountId).Select(a => a.Name).SingleAsync(ct);
        var joined = user.PasswordHash is not null || await db.UserLogins.AnyAsync(l => l.UserId == user.Id, ct);
        if (joined)
        {
            // They registered meanwhile (through another account's invitation): they can simply join.
            membership.MarkInvited(actor, now);
            membership.Activate(now);
            db.Record(actor, AuditAction.MemberJoined, "user", user.Id, user.Name, now, accountId);
        }
        else
        {
            await issuer.IssueAsync(membership, user, accountName, actor, ct);
            db.Record(actor, mailed, "user", user.Id, user.Name, now, accountId, new { email = user.Email });
        }
        return joined;
    }
}
