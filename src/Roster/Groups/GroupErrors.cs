using Roster.Common;

namespace Roster.Groups;

/// <summary>The stable codes of the Groups use cases.</summary>
public static class GroupErrors
{
    public static readonly Error NotFound = new("groups.not_found", "The group does not exist.", ErrorKind.NotFound);
    public static readonly Error NameRequired = new("groups.name_required", "The group name is required.", Field: "name");
    public static readonly Error NameTooLong = new("groups.name_too_long", $"The group name can have at most {Group.NameMaxLength} characters.", Field: "name");
    public static readonly Error NameInvalid = new("groups.name_invalid", "The group name cannot contain line breaks or other control characters.", Field: "name");
    public static readonly Error DescriptionTooLong = new("groups.description_too_long", $"The description can have at most {GroupRules.DescriptionMaxLength} characters.", Field: "description");
    public static readonly Error ColorInvalid = new("groups.color_invalid",
        "The color must be a hex colour such as #1565c0 or a CSS colour name such as teal.", Field: "color");
    public static readonly Error ColorTooLong = new("groups.color_too_long", $"The color can have at most {GroupRules.ColorMaxLength} characters.", Field: "color");
    public static readonly Error ExternalIdTooLong = new("groups.external_id_too_long", $"The external id can have at most {GroupRules.ExternalIdMaxLength} characters.", Field: "external_id");
    public static readonly Error NameTaken = new("groups.name_taken", "Another group of this account already has this name.", ErrorKind.Conflict, "name");
    public static readonly Error RevisionConflict = new("groups.revision_conflict", "The group has changed since you read it. Read it again and repeat your change.", ErrorKind.Conflict, "revision");
    public static readonly Error PermissionsRequired = new("groups.permissions_required", "Name at least one module: {\"id\": \"MD-0001\"}.", Field: "id");
    public static readonly Error UserRequired = new("groups.user_required", "Name the user: {\"id\": \"UR-...\"}.", Field: "id");
    public static readonly Error NotAccountMember = new("groups.not_account_member", "Only users invited to or active in this account can join its groups.", Field: "id");
    public static readonly Error MemberNotFound = new("groups.member_not_found", "The user is not a member of this group.", ErrorKind.NotFound);

    public static Error UnknownModule(string id) => new("groups.unknown_module", $"Unknown module '{id}'. GET /modules lists them.", Field: "id");
}
