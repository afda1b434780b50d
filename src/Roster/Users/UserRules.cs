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

    /// <summary>Why an invitation to this account is refused: the email is already one of its members or pending invitees.</summary>
    public static Error AlreadyMember(string? email) =>
        new("users.already_member", $"{email} is already a member of this account.", Field: "email");

    public static Error AlreadyInvited(string? email) =>
        new("users.already_invited", $"{email} is already invited. Resend the invitation instead.", Field: "email");

    private static bool IsEmail(string value) =>
        value.Length <= 254 && System.Net.Mail.MailAddress.TryCreate(value, out var address) && address.Address == value;
}
