using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Data;
using Roster.Querying;

namespace Roster.Groups;

/// <summary>A group with its member count, counted by the database in the same query.</summary>
public sealed class GroupRow
{
    public required Group Group { get; init; }
    public int Users { get; init; }
}

/// <summary>The lists under /accounts/{a}/groups: the fields Connect's spec lets clients filter, order and search.</summary>
public static class GroupListing
{
    private const Lookups Strings = Lookups.Equality | Lookups.Text | Lookups.Lists;

    public static RqlResource<GroupRow> Resource { get; } = new RqlResource<GroupRow>()
        .Key(r => r.Group.Id)
        .Field("id", r => r.Group.Id, Strings | Lookups.Null, orderable: true, searchable: true)
        .Field("name", r => r.Group.Name, Strings, orderable: true, searchable: true)
        .Field("description", r => r.Group.Description, Strings, searchable: true)
        .Field("external_id", r => r.Group.ExternalId, Strings | Lookups.Null, searchable: true)
        .Field("events.created.at", r => r.Group.CreatedAt, Lookups.Comparison | Lookups.Lists, orderable: true)
        .Collection("permissions.id", r => r.Group.Permissions, p => p.ModuleId, Strings)
        .Collection("permissions.object.id", r => r.Group.Permissions, p => p.ModuleId, Strings)
        .Field("stats.users", r => r.Users, Lookups.Comparison | Lookups.Lists, orderable: true)
        .DefaultOrdering("name");

    public static RqlResource<GroupPermission> Permissions { get; } = new RqlResource<GroupPermission>()
        .Key(p => p.ModuleId)
        .Field("id", p => p.ModuleId, Strings | Lookups.Null, orderable: true, searchable: true)
        .Field("object.id", p => p.ModuleId, Strings, orderable: true, searchable: true)
        .DefaultOrdering("id");

    private static readonly RqlResource<Membership> Users = new RqlResource<Membership>()
        .Key(m => m.UserId)
        .Field("id", m => m.UserId, Strings | Lookups.Null, orderable: true, searchable: true)
        .Field("name", m => m.Name, Strings | Lookups.Null, orderable: true, searchable: true)
        .Field("email", m => m.Email, Strings, orderable: true, searchable: true)
        .Field("status", m => m.Status, Strings, orderable: true)
        .DefaultOrdering("name");

    /// <summary>The members list of one group, which adds when each was added to it.</summary>
    public static RqlResource<Membership> UsersOf(string groupId) => Users.Copy()
        .Field("events.added.at", m => m.Groups.Where(g => g.GroupId == groupId).Select(g => g.AddedAt).FirstOrDefault(),
            Lookups.Comparison | Lookups.Lists | Lookups.Null, orderable: true);

    /// <summary>The account's groups with permissions and member counts; callers add AsNoTracking as they need.</summary>
    public static IQueryable<GroupRow> Rows(RosterDbContext db, string accountId) =>
        db.Groups.Include(g => g.Permissions)
            .Where(g => g.AccountId == accountId)
            .Select(g => new GroupRow { Group = g, Users = g.Members.Count });

    /// <summary>The account memberships of a group's members.</summary>
    public static IQueryable<Membership> Members(RosterDbContext db, string accountId, string groupId) =>
        db.Memberships.Where(m => m.AccountId == accountId
            && db.GroupMembers.Any(g => g.GroupId == groupId && g.AccountId == accountId && g.UserId == m.UserId));
}
