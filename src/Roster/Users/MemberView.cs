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
/// Completes a page of members with their groups, sign-in routes and links. One statement reads what the rows need
/// beside themselves: their groups, the verified domains among their emails and, for managers, their pending
/// invitations. Sign-in routes take three more only when a verified domain holds one of the emails. Each list of ids
/// goes as one parameter (the context's setting, see <see cref="DataServices"/>), so the statement has one text
/// whatever the page holds.
/// </summary>
public sealed class MemberViews(RosterDbContext db, InvitationLinks links, PublicAddress address, Sso.SignInRoutes routes)
{
    public async Task<IReadOnlyList<MemberView>> ForPageAsync(
        string accountId, IReadOnlyList<Membership> page, bool withLinks, CancellationToken ct = default)
    {
        if (page.Count == 0) return [];
        var people = page.Select(m => (m.UserId, m.EmailDomain)).ToList();
        var facts = await FactsAsync(accountId, page, people, ct);

        var groups = facts.Where(f => f.Kind == FactKind.Group)
            .GroupBy(f => f.UserId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<GroupRef>)[.. g.OrderBy(f => f.Name).Select(f => new GroupRef(f.Id, f.Name!))]);

        var signIn = facts.Any(f => f.Kind == FactKind.VerifiedDomain)
            ? await routes.ForMembersOfVerifiedDomainsAsync(accountId, people, ct)
            : Sso.SignInRoutes.BuiltIn(people);

        var invited = withLinks ? page.Where(m => m.Status == MembershipStatus.Invited).Select(m => m.UserId).ToHashSet() : [];
        var invitations = new Dictionary<string, (string Link, DateTimeOffset ExpiresAt)>();
        foreach (var invitation in facts.Where(f => f.Kind == FactKind.Invitation && invited.Contains(f.UserId)))
            invitations[invitation.UserId] = (InvitationLinks.Url(address, await links.TokenForAsync(invitation.Id, ct)), invitation.At!.Value);

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

    private enum FactKind { Group, VerifiedDomain, Invitation }

    /// <summary>
    /// One thing a page's row needs: a group it is in, a verified domain (of any row), its pending invitation. Set by
    /// member initialization, which EF can put on both sides of a UNION; a constructor call it keeps on the client.
    /// </summary>
    private sealed class PageFact
    {
        public FactKind Kind { get; init; }
        public string UserId { get; init; } = "";
        public string Id { get; init; } = "";
        public string? Name { get; init; }
        public DateTimeOffset? At { get; init; }
    }

    private async Task<List<PageFact>> FactsAsync(
        string accountId, IReadOnlyList<Membership> page, IReadOnlyCollection<(string UserId, string? EmailDomain)> people, CancellationToken ct)
    {
        var userIds = page.Select(m => m.UserId).ToList();
        var domains = people.Select(p => p.EmailDomain).OfType<string>().Distinct().ToList();
        var facts = new List<PageFact>();
        await foreach (var fact in Facts(db, accountId, userIds, domains).WithCancellation(ct)) facts.Add(fact);
        return facts;
    }

    /// <summary>
    /// Compiled, as every page of the list asks it: built from LINQ on each request, building its expression tree and
    /// EF's lookup of the SQL cached for it cost more than SQLite's work for the statement. The invitations come first:
    /// the UNION's column of dates takes its type (and its conversion) from them. They are asked for every row, and
    /// kept for the invited ones the caller may see links of: with the same list on both sides, PostgreSQL finds its
    /// generic plan as cheap as a custom one and stops planning the statement each time. The verified domains are
    /// <see cref="Sso.SignInRoutes.VerifiedAmong"/>'s, written here because a compiled query cannot call it.
    /// </summary>
    private static readonly Func<RosterDbContext, string, List<string>, List<string>, IAsyncEnumerable<PageFact>> Facts =
        EF.CompileAsyncQuery((RosterDbContext db, string accountId, List<string> userIds, List<string> domains) => db.Invitations.AsNoTracking()
            .Where(i => i.AccountId == accountId && userIds.Contains(i.UserId) && i.Status == InvitationStatus.Pending)
            .Select(i => new PageFact { Kind = FactKind.Invitation, UserId = i.UserId, Id = i.Id, Name = null, At = i.ExpiresAt })
            .Concat(db.GroupMembers.AsNoTracking()
                .Where(g => g.AccountId == accountId && userIds.Contains(g.UserId))
                .Select(g => new PageFact { Kind = FactKind.Group, UserId = g.UserId, Id = g.GroupId, Name = g.Group!.Name, At = null }))
            .Concat(db.Domains.AsNoTracking()
                .Where(d => domains.Contains(d.Name) && d.Status == Sso.DomainStatus.Verified)
                .Select(d => new PageFact { Kind = FactKind.VerifiedDomain, UserId = "", Id = d.Id, Name = null, At = null })));
}
