using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Invitations;
using Roster.Mail;
using Roster.Security;

namespace Roster.Users;

/// <summary>Null fields keep their value. Name and email change only while the member is invited.</summary>
public sealed record UpdateMemberRequest(
    string AccountId, string UserId, IReadOnlyCollection<string>? GroupIds, string? Name, string? Email);

/// <summary>
/// Changes a member's groups and, for an invitation nobody accepted yet, the invitee's name and email, which
/// re-issues the invitation (the old link dies) and mails the new one.
/// </summary>
public sealed class UpdateMember(
    RosterDbContext db, UserManager<User> users, InvitationIssuer issuer, MemberViews views, OutboxSignal signal, TimeProvider clock)
{
    public async Task<Result<MemberChange>> HandleAsync(UpdateMemberRequest request, Actor actor, CancellationToken ct = default)
    {
        // Invitations in two accounts readdressed to one email at once: the second to commit runs again and is told
        // the address is taken, as it would have been one request after the other.
        var result = await UniqueKeys.RetryOnceAsync(db, () => UpdateAsync(request, actor, ct));
        if (result.Succeeded) signal.Poke();
        return result;
    }

    private async Task<Result<MemberChange>> UpdateAsync(UpdateMemberRequest request, Actor actor, CancellationToken ct)
    {
        var locked = await MemberAccess.LockAsync(db, actor, request.AccountId, ct);
        if (!locked.Succeeded) return locked.Error;
        await using var transaction = locked.Value;
        IReadOnlyList<string>? groups = null;
        if (request.GroupIds is not null)
        {
            var valid = await MemberAccess.ValidateGroupsAsync(db, request.AccountId, request.GroupIds, ct);
            if (!valid.Succeeded) return valid.Error;
            groups = valid.Value;
        }
        var found = await MemberAccess.FindAsync(db, request.AccountId, request.UserId, ct);
        if (!found.Succeeded) return found.Error;
        var membership = found.Value;
        var user = await db.Users.SingleAsync(u => u.Id == membership.UserId, ct);
        var before = new
        {
            groups = await db.GroupMembers.Where(g => g.AccountId == request.AccountId && g.UserId == request.UserId)
                .OrderBy(g => g.GroupId).Select(g => g.GroupId).ToListAsync(ct),
            name = user.Name,
            email = user.Email,
        };

        var renamed = request.Name is not null && request.Name.Trim() != user.Name;
        var readdressed = request.Email is not null && !string.Equals(request.Email.Trim(), user.Email, StringComparison.OrdinalIgnoreCase);
        // The same groups in another order are no change, and a form saved as it was leaves no entry in the trail.
        if (groups is not null && before.groups.ToHashSet(StringComparer.Ordinal).SetEquals(groups)) groups = null;
        if (groups is null && !renamed && !readdressed)
            return new MemberChange(await views.ForOneAsync(membership, withLinks: true, ct), MemberOutcome.Saved, Mailed: false);
        if (groups is not null)
        {
            var held = await Privileges.RequireHeldForGroupsAsync(db, actor, request.AccountId, [.. groups.Except(before.groups)], "groups", ct);
            if (!held.Succeeded) return held.Error;
        }
        if (renamed || readdressed)
        {
            var changed = await ChangeInviteeAsync(membership, user, request, ct);
            if (changed is not null) return changed;
        }
        if (groups is not null) await MemberAccess.SetGroupsAsync(db, request.AccountId, request.UserId, groups, clock.GetUtcNow(), ct);

        var now = clock.GetUtcNow();
        db.Record(actor, AuditAction.MemberUpdated, "user", user.Id, user.Name, now, request.AccountId,
            new
            {
                before = new { groups = groups is null ? null : before.groups, name = renamed ? before.name : null, email = readdressed ? before.email : null },
                after = new { groups, name = renamed ? user.Name : null, email = readdressed ? user.Email : null },
            });
        if (renamed || readdressed)
        {
            var accountName = await db.Accounts.Where(a => a.Id == request.AccountId).Select(a => a.Name).SingleAsync(ct);
            await issuer.IssueAsync(membership, user, accountName, actor, ct);
        }
        var reissued = renamed || readdressed;
        var saved = await AccountGuard.SaveKeepingInviterAsync(db, transaction, request.AccountId,
            c => views.ForOneAsync(membership, withLinks: true, c), ct);
        if (!saved.Succeeded) return saved.Error;
        return new MemberChange(saved.Value, reissued ? MemberOutcome.InvitationReissued : MemberOutcome.Saved, Mailed: reissued);
    }

    private async Task<Error?> ChangeInviteeAsync(Membership membership, User user, UpdateMemberRequest request, CancellationToken ct)
    {
        if (membership.Status != MembershipStatus.Invited || user.PasswordHash is not null || await db.UserLogins.AnyAsync(l => l.UserId == user.Id, ct))
            return new Error("users.not_editable", "Only an invitation nobody has accepted yet can change its name or email.", Field: "email");
        if (await db.Memberships.AnyAsync(m => m.UserId == user.Id && m.AccountId != membership.AccountId, ct))
            return new Error("users.invited_elsewhere",
                "This person is also invited to another account. Revoke this invitation and invite the new address instead.", Field: "email");
        var invalid = UserRules.ValidateName(request.Name ?? user.Name) ?? UserRules.ValidateEmail(request.Email ?? user.Email);
        if (invalid is not null) return invalid;

        var email = (request.Email ?? user.Email!).Trim();
        var normalized = users.NormalizeEmail(email);
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized && u.Id != user.Id, ct))
            return new Error("users.email_taken", $"{email} already has a Roster user: revoke this invitation and invite them instead.", Field: "email");

        user.Name = (request.Name ?? user.Name).Trim();
        user.Email = email;
        user.UserName = email;
        user.NormalizedEmail = normalized;
        user.NormalizedUserName = users.NormalizeName(email);
        membership.Name = user.Name;
        membership.Email = email;
        return null;
    }
}
