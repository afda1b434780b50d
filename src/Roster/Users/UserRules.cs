using Roster.Common;

namespace Roster.Users;

public static class UserRules
{
    public static Error? ValidateName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return new Error("users.name_required", "Enter a name.", Field: "name");
        if (name.Trim().Length > User.NameMaxLength)
            return new Error("users.name_too_long", $"The name can have at most {User.NameMaxLength} characters.", Field: "name");
        return Names.Check(name, "users.name_invalid", "The name");
    }

    public static Error? ValidateEmail(string? email) =>
        string.IsNullOrWhiteSpace(email) || !IsEmail(email.Trim())
            ? new Error("users.email_invalid", "Enter a valid email address.", Field: "email")
            : null;

    private static bool IsEmail(string value) =>
        value.Length <= 254 && System.Net.Mail.MailAddress.TryCreate(value, out var address) && address.Address == value;
}
