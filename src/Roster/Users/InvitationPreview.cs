using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Common;
using Roster.Data;

namespace Roster.Users;

/// <summary>A member or pending invitee of the account whom an invitation would refuse, with the reason it would give.</summary>
public sealed record ExistingMember(string Id, string Name, MembershipStatus Status, Error Refusal);

/// <summary>Where an email stands in one account: <see cref="Member"/> is null when an invitation may go to it.</summary>
public sealed record EmailStanding(ExistingMember? Member);

/// <summary>
/// What the Add user wizard tells before anything is created, by the rules <see cref="InviteMember"/> applies: whether
/// the email is already a member or invitee of the account, and whether the chosen groups would be accepted. Never
/// whether the email has a Roster user elsewhere: that is not the account's to learn (ADR 0009). Only those who
/// manage the account's users may ask; anyone else is told the account does not exist.
/// </summary>
public sealed class InvitationPreview(RosterDbContext db, UserManager<User> users)
{
    /// <summary>
    /// Only this account's members and pending invitations count: whether the email belongs to anyone elsewhere is not
    /// this account's business (ADR 0009). An expired invitation may be sent again, so it does not count either.
    /// </summary>
    public async Task<Result<EmailStanding>> StandingAsync(Actor actor, string accountId, string? email, CancellationToken ct = default)
    {
        var manager = await RequireManagerAsync(actor, accountId, ct);
        if (!manager.Succeeded) return manager.Error;
        var normalized = users.NormalizeEmail(email?.Trim());
        var found = await db.Memberships.AsNoTracking()
            .Where(m => m.AccountId == accountId && m.User!.NormalizedEmail == normalized
                        && (m.Status == MembershipStatus.Active || m.Status == MembershipStatus.Invited))
            .Select(m => new { m.UserId, m.Name, m.Email, m.Status })
            .SingleOrDefaultAsync(ct);
        if (found is null) return new EmailStanding(null);
        var refusal = found.Status == MembershipStatus.Active ? UserRules.AlreadyMember(found.Email) : UserRules.AlreadyInvited(found.Email);
        return new EmailStanding(new ExistingMember(found.UserId, found.Name, found.Status, refusal));
    }

    /// <summary>Succeeds with the groups when they exist in the account; at least one is required.</summary>
    public async Task<Result<IReadOnlyList<string>>> CheckGroupsAsync(Actor actor, string accountId, IReadOnlyCollection<string>? groupIds, CancellationToken ct = default)
    {
        var manager = await RequireManagerAsync(actor, accountId, ct);
        if (!manager.Succeeded) return manager.Error;
        return await MemberAccess.ValidateGroupsAsync(db, accountId, groupIds, ct);
    }

    private async Task<Result> RequireManagerAsync(Actor actor, string accountId, CancellationToken ct)
    {
        var access = await MemberAccess.ReadAsync(db, actor, accountId, ct);
        if (!access.Succeeded) return access.Error;
        return access.Value ? Result.Ok() : Error.NotFound("account");
    }
}
