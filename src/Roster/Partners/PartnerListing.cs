using Roster.Data;
using Roster.Querying;

namespace Roster.Partners;

/// <summary>A partnership as one side sees it: the other account and where the partnership stands.</summary>
public sealed class PartnerRow
{
    public required string PartnershipId { get; init; }
    public required string Id { get; init; }
    public required string Name { get; init; }
    public AccountRole Role { get; init; }
    public PartnershipStatus Status { get; init; }
    public bool InvitedByUs { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public string? CreatedByName { get; init; }
    public DateTimeOffset? AcceptedAt { get; init; }
    public string? Description { get; init; }
    public string? Overview { get; init; }
    public string? Headquarters { get; init; }
    public List<string> Countries { get; init; } = [];
    public List<string> Languages { get; init; } = [];
    public List<string> Websites { get; init; } = [];
    public bool? Public { get; init; }
    public string? IconMediaId { get; init; }
}

/// <summary>GET /partners: the fields of Connect's spec that Roster keeps. Contacts are deliberately not filterable.</summary>
public static class PartnerListing
{
    private const Lookups Strings = Lookups.Equality | Lookups.Text | Lookups.Lists;

    public static RqlResource<PartnerRow> Resource { get; } = new RqlResource<PartnerRow>()
        .Key(r => r.Id)
        .Field("id", r => r.Id, Strings | Lookups.Null, orderable: true, searchable: true)
        .Field("name", r => r.Name, Strings, orderable: true, searchable: true)
        .Field("status", r => r.Status, Strings, orderable: true)
        .Field("role", r => r.Role, Strings, orderable: true)
        .Field("type", r => r.Role == AccountRole.Vendor ? "vendor" : "provider", Strings)
        .Field("public", r => r.Public, Lookups.Equality | Lookups.Null)
        .DefaultOrdering("name");

    /// <summary>The partnerships of <paramref name="accountId"/> that have not ended, one row per partner account.</summary>
    public static IQueryable<PartnerRow> Rows(RosterDbContext db, string accountId) =>
        from p in db.Partnerships
        where p.Status != PartnershipStatus.Terminated && (p.InviterAccountId == accountId || p.InviteeAccountId == accountId)
        from a in db.Accounts
        where a.Id == (p.InviterAccountId == accountId ? p.InviteeAccountId : p.InviterAccountId)
        select new PartnerRow
        {
            PartnershipId = p.Id,
            Id = a.Id,
            Name = a.Name,
            Role = a.Role,
            Status = p.Status,
            InvitedByUs = p.InviterAccountId == accountId,
            CreatedAt = p.CreatedAt,
            CreatedByName = p.CreatedByName,
            AcceptedAt = p.AcceptedAt,
            Description = a.Description,
            Overview = a.Overview,
            Headquarters = a.Headquarters,
            Countries = a.Countries,
            Languages = a.Languages,
            Websites = a.Websites,
            Public = a.Public,
            IconMediaId = a.IconMediaId,
        };
}
