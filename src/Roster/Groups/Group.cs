namespace Roster.Groups;

/// <summary>A set of members of one account and the modules they may use there.</summary>
public class Group
{
    public const int NameMaxLength = 32;
    public const string AdministratorsName = "Administrators";

    public required string Id { get; init; }
    public required string AccountId { get; init; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public string? Color { get; set; }
    public string? ExternalId { get; set; }

    /// <summary>Counts changes; a client may send the revision it read to avoid overwriting a newer change.</summary>
    public int Revision { get; set; } = 1;

    public DateTimeOffset CreatedAt { get; init; }
    public string? CreatedById { get; init; }
    public string? CreatedByName { get; init; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public string? UpdatedById { get; set; }
    public string? UpdatedByName { get; set; }

    public List<GroupPermission> Permissions { get; init; } = [];
    public List<GroupMember> Members { get; init; } = [];

    public static Group Administrators(string accountId, Users.User founder, DateTimeOffset at) => new()
    {
        Id = Common.Ids.NewGroupId(),
        AccountId = accountId,
        Name = AdministratorsName,
        Description = "Members of this group can use every module of the account.",
        CreatedAt = at,
        CreatedById = founder.Id,
        CreatedByName = founder.Name,
        Permissions = [.. Modules.ModuleCatalog.All.Select(m => new GroupPermission
        {
            ModuleId = m.Id, GrantedAt = at, GrantedById = founder.Id, GrantedByName = founder.Name,
        })],
        Members = [new GroupMember { AccountId = accountId, UserId = founder.Id, AddedAt = at }],
    };

    public static Group Create(
        string accountId, string name, string? description, string? color, string? externalId, Common.Actor by, DateTimeOffset at) => new()
    {
        Id = Common.Ids.NewGroupId(),
        AccountId = accountId,
        Name = name,
        Description = description,
        Color = color,
        ExternalId = externalId,
        CreatedAt = at,
        CreatedById = by.Id,
        CreatedByName = by.Name,
    };

    /// <summary>Every update is a new revision, so a client holding an older one can tell it is stale.</summary>
    public void Update(string name, string? description, string? color, string? externalId, Common.Actor by, DateTimeOffset at)
    {
        Name = name;
        Description = description;
        Color = color;
        ExternalId = externalId;
        Revision++;
        UpdatedAt = at;
        UpdatedById = by.Id;
        UpdatedByName = by.Name;
    }

    /// <summary>Returns false when the group already had the module.</summary>
    public bool Grant(string moduleId, Common.Actor by, DateTimeOffset at)
    {
        if (Permissions.Any(p => p.ModuleId == moduleId)) return false;
        Permissions.Add(new GroupPermission { GroupId = Id, ModuleId = moduleId, GrantedAt = at, GrantedById = by.Id, GrantedByName = by.Name });
        return true;
    }

    /// <summary>Returns false when the group did not have the module.</summary>
    public bool Revoke(string moduleId) => Permissions.RemoveAll(p => p.ModuleId == moduleId) > 0;
}

public class GroupPermission
{
    public string GroupId { get; init; } = "";
    public required string ModuleId { get; init; }
    public DateTimeOffset? GrantedAt { get; init; }
    public string? GrantedById { get; init; }
    public string? GrantedByName { get; init; }
}

/// <summary>A member of a group; the account id is repeated so that permission checks need no join through groups.</summary>
public class GroupMember
{
    public string GroupId { get; init; } = "";
    public required string AccountId { get; init; }
    public required string UserId { get; init; }
    public DateTimeOffset? AddedAt { get; init; }
    public Group? Group { get; init; }
}
