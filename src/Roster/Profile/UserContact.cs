namespace Roster.Profile;

/// <summary>Connect's user contact statuses; Roster sends no codes to phones, so its contacts stay drafts.</summary>
public enum UserContactStatus
{
    Draft,
    Pending,
    Verified,
    Deleted,
}

/// <summary>A way to reach a user of their own (Connect's <c>auth.UserContact</c>): a phone number, for now the only type.</summary>
public class UserContact
{
    public const string PhoneType = "phone";
    public const int CountryCodeMaxLength = 4;
    public const int AreaCodeMaxLength = 4;
    public const int PhoneNumberMaxLength = 20;

    /// <summary>Enough for a work and a mobile number and then some; a bound, so one user cannot fill a table.</summary>
    public const int MaxPerUser = 10;

    public required string Id { get; init; }
    public required string UserId { get; init; }
    public string Type { get; init; } = PhoneType;
    public required string CountryCode { get; init; }
    public string? AreaCode { get; init; }
    public required string PhoneNumber { get; init; }
    public UserContactStatus Status { get; init; } = UserContactStatus.Draft;
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A user contact as lists and answers show it, with the user's name for its events.</summary>
public sealed class UserContactView
{
    public required string Id { get; init; }
    public required string Type { get; init; }
    public required string CountryCode { get; init; }
    public string? AreaCode { get; init; }
    public required string PhoneNumber { get; init; }
    public UserContactStatus Status { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public required string UserId { get; init; }
    public required string UserName { get; init; }

    public static UserContactView Of(UserContact c, string userName) => new()
    {
        Id = c.Id, Type = c.Type, CountryCode = c.CountryCode, AreaCode = c.AreaCode, PhoneNumber = c.PhoneNumber,
        Status = c.Status, CreatedAt = c.CreatedAt, UpdatedAt = c.UpdatedAt, UserId = c.UserId, UserName = userName,
    };
}
