using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Common;
using Roster.Data;
using Roster.Invitations;

namespace Roster.Users;

public sealed record GroupRef(string Id, string Name);

/// <summary>
/// One member as both faces show it; the invitation link only for those who manage users. <see cref="Revocation"/> is
/// set for an expired member whose invitation someone withdrew.
/// </summary>
public sealed record MemberView(
    string Id, string Name, string Email, MembershipStatus Status, DateTimeOffset CreatedAt,
    DateTimeOffset? InvitedAt, string? InvitedById, string? InvitedByName, DateTimeOffset? ActivatedAt, DateTimeOffset? SignedInAt,
    IReadOnlyList<GroupRef> Groups, string? InvitationLink, DateTimeOffset? InvitationExpiresAt, Sso.PersonRoute Route)
{
    public Revocation? Revocation { get; init; }

    public bool Revoked => Status == MembershipStatus.Expired && Revocation is not null;
}

/// <summary>When and by whom an invitation was withdrawn.</summary>
public sealed record Revocation(DateTimeOffset At, string? ById, string? ByName);

/// <summary>
/// Completes a page of members with their groups, sign-in routes and links: a few queries per page, never one per row.
/// The page's ids go as one list parameter, so each statement has one text whatever the page holds: spelled out one
/// parameter each (EF's default), the text changes with the count, and EF builds the SQL again for every page while
/// the concurrent requests wait on its lock.
/// </summary>
public sealed class MemberViews(RosterDbContext db, InvitationLinks links, PublicAddress address, Sso.SignInRoutes routes)
{
    public async Task<IReadOnlyList<MemberView>> ForPageAsync(
        string accountId, IReadOnlyList<Membership> page, bool withLinks, CancellationToken ct = default)
    {
        var userIds = page.Select(m => m.UserId).ToList();
        var groups = (await db.GroupMembers.AsNoTracking()
                .Where(g => g.AccountId == accountId && EF.Parameter(userIds).Contains(g.UserId))
                .Select(g => new { g.UserId, g.GroupId, g.Group!.Name })
                .ToListAsync(ct))
            .GroupBy(g => g.UserId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<GroupRef>)[.. g.OrderBy(x => x.Name).Select(x => new GroupRef(x.GroupId, x.Name))]);

        var signIn = await routes.ForMembersAsync(accountId, [.. page.Select(m => (m.UserId, m.EmailDomain))], ct);

        var invitations = new Dictionary<string, (string Link, DateTimeOffset ExpiresAt)>();
        var invited = page.Where(m => m.Status == MembershipStatus.Invited).Select(m => m.UserId).ToList();
        if (withLinks && invited.Count > 0)
        {
            var pending = await db.Invitations.AsNoTracking()
                .Where(i => i.AccountId == accountId && EF.Parameter(invited).Contains(i.UserId) && i.Status == InvitationStatus.Pending)
                .Select(i => new { i.Id, i.UserId, i.ExpiresAt }).ToListAsync(ct);
            foreach (var invitation in pending)
                invitations[invitation.UserId] = (InvitationLinks.Url(address, await links.TokenForAsync(invitation.Id, ct)), invitation.ExpiresAt);
        }

        return [.. page.Select(m =>
        {
            var hasLink = invitations.TryGetValue(m.UserId, out var invitation);
            return new MemberView(m.UserId, m.Name, m.Email, m.Status, m.CreatedAt, m.InvitedAt, m.InvitedById, m.InvitedByName,
                m.ActivatedAt, m.SignedInAt, groups.GetValueOrDefault(m.UserId) ?? [], hasLink ? invitation.Link : null,
                hasLink ? invitation.ExpiresAt : null, signIn.GetValueOrDefault(m.UserId) ?? Sso.PersonRoute.BuiltIn)
            {
                Revocation = m.RevokedAt is { } revokedAt ? new Revocation(revokedAt, m.RevokedById, m.RevokedByName) : null,
            };
        })];
    }

    public async Task<MemberView> ForOneAsync(Membership membership, bool withLinks, CancellationToken ct = default) =>
        (await ForPageAsync(membership.AccountId, [membership], withLinks, ct))[0];
}
