using Roster.Common;

namespace Roster.Accounts;

/// <summary>What makes an account's fields acceptable; the portal asks it before confirming a new account.</summary>
public static class AccountRules
{
    /// <summary>Every problem of the fields at once, so a form marks each in one post.</summary>
    public static Error? Validate(string? name, string? description, string? externalId) => Error.Of(
        string.IsNullOrWhiteSpace(name) ? new Error("accounts.name_required", "The account name is required.", Field: "name")
        : name.Trim().Length > Account.NameMaxLength
            ? new Error("accounts.name_too_long", $"The account name can have at most {Account.NameMaxLength} characters.", Field: "name")
            : Names.Check(name, "accounts.name_invalid", "The account name"),
        description?.Length > Account.DescriptionMaxLength
            ? new Error("accounts.description_too_long", $"The description can have at most {Account.DescriptionMaxLength} characters.", Field: "description")
            : null,
        externalId?.Length > Account.ExternalIdMaxLength
            ? new Error("accounts.external_id_too_long", $"The external id can have at most {Account.ExternalIdMaxLength} characters.", Field: "external_id")
            : null);
}
