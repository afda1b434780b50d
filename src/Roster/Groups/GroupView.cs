using Roster.Accounts;
using Roster.Modules;

namespace Roster.Groups;

/// <summary>A module a group gives, and who gave it when.</summary>
public sealed record GrantView(string ModuleId, DateTimeOffset? GrantedAt, string? GrantedById, string? GrantedByName)
{
    public static GrantView Of(GroupPermission p) => new(p.ModuleId, p.GrantedAt, p.GrantedById, p.GrantedByName);
}

/// <summary>A group as both faces show it: its fields, its modules in id order and, when counted, its members.</summary>
public sealed record GroupView(
    string Id, string Name, string? Description, string? Color, string? ExternalId, int Revision,
    DateTimeOffset CreatedAt, string? CreatedById, string? CreatedByName,
    DateTimeOffset? UpdatedAt, string? UpdatedById, string? UpdatedByName,
    IReadOnlyList<GrantView> Permissions, int? Users)
{
    public static GroupView Of(Group g, int? users = null) => new(
        g.Id, g.Name, g.Description, g.Color, g.ExternalId, g.Revision,
        g.CreatedAt, g.CreatedById, g.CreatedByName, g.UpdatedAt, g.UpdatedById, g.UpdatedByName,
        [.. g.Permissions.OrderBy(p => p.ModuleId, StringComparer.Ordinal).Select(GrantView.Of)], users);

    public static GroupView Of(GroupRow row) => Of(row.Group, row.Users);

    public bool Gives(string moduleId) => Permissions.Any(p => p.ModuleId == moduleId);

    /// <summary>The names of the modules it gives, in catalogue order.</summary>
    public IReadOnlyList<string> ModuleNames => [.. ModuleCatalog.All.Where(m => Gives(m.Id)).Select(m => m.Name)];
}

/// <summary>A user of the account as a group shows them.</summary>
public sealed record GroupMemberView(string UserId, string Name, string Email, MembershipStatus Status, bool Revoked = false)
{
    public static GroupMemberView Of(Membership m) => new(m.UserId, m.Name, m.Email, m.Status, m.RevokedAt != null);
}
