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

/// <summary>An existing user by <paramref name="UserId"/>, or anyone by <paramref name="Name"/> and <paramref name="Email"/>.</summary>
public sealed record InviteMemberRequest(
    string AccountId, string? UserId, string? Name, string? Email, IReadOnlyCollection<string>? GroupIds);

/// <summary>
/// Adds a user to an account. Someone who already has a Roster user becomes an active member at once and gets a
/// notice saying who added them and how to leave; anyone else is invited with a single-use link to a registration
/// form. By id, only people the inviter already sees can be named: any other id is answered as one that does not
/// exist, so ids cannot be probed (ADR 0009).
/// </summary>
public sealed class InviteMember(
    RosterDbContext db, UserManager<User> users, InvitationIssuer issuer, MemberViews views, PublicAddress address, OutboxSignal signal, TimeProvider clock)
{
    public async Task<Result<MemberChange>> HandleAsync(InviteMemberRequest request, Actor actor, CancellationToken ct = default)
    {
        // Two accounts inviting the same new address at once each create its user, under their own locks; the second
        // to commit runs again and finds that user, as it would have one request after the other.
        var result = await UniqueKeys.RetryOnceAsync(db, () => InviteAsync(request, actor, ct));
        if (result.Succeeded) signal.Poke();
        return result;
    }

    private async Task<Result<MemberChange>> InviteAsync(InviteMemberRequest request, Actor actor, CancellationToken ct)
    {
        // Serialised with demotions, group deletions and other invitations of the account, so the permission and the
        // groups checked here still hold when this commits.
        var locked = await MemberAccess.LockAsync(db, actor, request.AccountId, ct);
        if (!locked.Succeeded) return locked.Error;
        await using var transaction = locked.Value;
        var groups = await MemberAccess.ValidateGroupsAsync(db, request.AccountId, request.GroupIds, ct);
        if (!groups.Succeeded) return groups.Error;
        var held = await Privileges.RequireHeldForGroupsAsync(db, actor, request.AccountId, groups.Value, "groups", ct);
        if (!held.Succeeded) return held.Error;
        var found = await FindOrPrepareUserAsync(request, actor, ct);
        if (!found.Succeeded) return found.Error;
        var user = found.Value;

        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.AccountId == request.AccountId && m.UserId == user.Id, ct);
        if (membership?.Status == MembershipStatus.Active)
            return UserRules.AlreadyMember(user.Email);
        if (membership?.Status == MembershipStatus.Invited)
            return UserRules.AlreadyInvited(user.Email);

        var now = clock.GetUtcNow();
        if (membership is null)
        {
            membership = new Membership { AccountId = request.AccountId, UserId = user.Id, CreatedAt = now, Name = user.Name, Email = user.Email!, SignedInAt = user.LastSignedInAt };
            db.Memberships.Add(membership);
        }
        await MemberAccess.SetGroupsAsync(db, request.AccountId, user.Id, groups.Value, now, ct);
        var accountName = await db.Accounts.Where(a => a.Id == request.AccountId).Select(a => a.Name).SingleAsync(ct);

        var joined = user.PasswordHash is not null || await db.UserLogins.AnyAsync(l => l.UserId == user.Id, ct);
        if (joined)
        {
            membership.MarkInvited(actor, now);
            membership.Activate(now);
            InvitationMail.Added(db, user.Email!, user.Name, accountName, actor.Name, address.Url, now);
            db.Record(actor, AuditAction.MemberJoined, "user", user.Id, user.Name, now, request.AccountId, new { email = user.Email, groups = groups.Value });
        }
        else
        {
            await issuer.IssueAsync(membership, user, accountName, actor, ct);
            db.Record(actor, AuditAction.MemberInvited, "user", user.Id, user.Name, now, request.AccountId, new { email = user.Email, groups = groups.Value });
        }

        await db.SaveChangesAsync(ct);
        // The answer comes from the transaction: once the commit is acknowledged, nothing may fail and hide that it was.
        var view = await views.ForOneAsync(membership, withLinks: true, ct);
        await transaction.CommitAsync(ct);
        // Either way a mail went out: the notice that they were added, or the invitation.
        return new MemberChange(view, joined ? MemberOutcome.Joined : MemberOutcome.Invited, Mailed: true);
    }

    private async Task<Result<User>> FindOrPrepareUserAsync(InviteMemberRequest request, Actor actor, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(request.UserId))
        {
            var byId = await db.PeopleVisibleTo(actor).SingleOrDefaultAsync(u => u.Id == request.UserId, ct);
            return byId is null ? new Error("users.unknown_user", "There is no user with this id.", Field: "id") : byId;
        }
        var invalid = Error.Of(UserRules.ValidateName(request.Name), UserRules.ValidateEmail(request.Email));
        if (invalid is not null) return invalid;

        var email = request.Email!.Trim();
        var normalized = users.NormalizeEmail(email);
        var existing = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, ct);
        if (existing is not null) return existing;

        var user = new User
        {
            Id = await UserIds.UnusedAsync(db, ct),
            Name = request.Name!.Trim(),
            Email = email,
            UserName = email,
            NormalizedEmail = normalized,
            NormalizedUserName = users.NormalizeName(email),
            SecurityStamp = Guid.NewGuid().ToString("N"),
            LockoutEnabled = true,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Users.Add(user);
        return user;
    }
}
