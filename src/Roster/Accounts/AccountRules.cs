using Roster.Common;

namespace Roster.Accounts;

/// <summary>What makes an account's fields acceptable; the portal asks it before confirming a new account.</summary>
public static class AccountRules
{
    public static Error? Validate(string? name, string? description, string? externalId)
    {
        if (string.IsNullOrWhiteSpace(name))
            return new Error("accounts.name_required", "The account name is required.", Field: "name");
        if (name.Trim().Length > Account.NameMaxLength)
            return new Error("accounts.name_too_long", $"The account name can have at most {Account.NameMaxLength} characters.", Field: "name");
        if (Names.Check(name, "accounts.name_invalid", "The account name") is { } invalid)
            return invalid;
        if (description?.Length > Account.DescriptionMaxLength)
            return new Error("accounts.description_too_long", $"The description can have at most {Account.DescriptionMaxLength} characters.", Field: "description");
        if (externalId?.Length > Account.ExternalIdMaxLength)
            return new Error("accounts.external_id_too_long", $"The external id can have at most {Account.ExternalIdMaxLength} characters.", Field: "external_id");
        return null;
    }
}
