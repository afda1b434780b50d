using Microsoft.AspNetCore.Identity;

namespace Roster.Users;

/// <summary>
/// A person, global across accounts (Connect's user). Identity supplies the password hash, lockout counters and
/// security stamp; tenancy lives in <see cref="Accounts.Membership"/>.
/// </summary>
public class User : IdentityUser<string>
{
    public const int NameMaxLength = 128;

    public string Name { get; set; } = "";
    public string? Title { get; set; }
    public string TimeZone { get; set; } = "UTC";
    public string Locale { get; set; } = "en_US";
    public string DateFormat { get; set; } = "MM/dd/yyyy";
    public string TimeFormat { get; set; } = "h:mm tt";
    public bool Announcements { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastSignedInAt { get; set; }

    /// <summary>The account a new session starts in.</summary>
    public string? LastAccountId { get; set; }

    /// <summary>The authenticator app's TOTP key, encrypted with Roster's data protection keys; set while MFA is on.</summary>
    public string? AuthenticatorKey { get; set; }

    /// <summary>A key shown for enrolment and not yet confirmed with a code (encrypted like <see cref="AuthenticatorKey"/>).</summary>
    public string? PendingAuthenticatorKey { get; set; }

    public DateTimeOffset? MfaEnabledAt { get; set; }

    /// <summary>The time step of the last accepted TOTP code: a code at or before it is refused, so each is used once.</summary>
    public long? LastTotpStep { get; set; }

    public bool HasMfa => AuthenticatorKey is not null;

    /// <summary>
    /// The domain of <see cref="IdentityUser{TKey}.Email"/>, lower case, computed by the database so that the people of
    /// a domain are found on an index (the Directory) without any code keeping it in step.
    /// </summary>
    public string? EmailDomain { get; private set; }
}
