using System.Security.Cryptography;

namespace Roster.Common;

/// <summary>
/// Connect-style identifiers: a two-letter prefix and random digit groups (UR-123-456-789).
/// Random rather than sequential so that ids reveal nothing about volume or order.
/// </summary>
public static class Ids
{
    public const string User = "UR";
    public const string VendorAccount = "VA";
    public const string ProviderAccount = "PA";
    public const string Token = "SU";
    public const string Group = "UG";
    public const string Session = "SS";
    public const string Invitation = "IN";
    public const string Partnership = "PR";
    public const string Domain = "DM";
    public const string IdentityProvider = "ID";
    public const string Media = "ME";
    public const string AccessRule = "AR";
    public const string UserContact = "UC";

    public static string NewUserId() => New(User, 3, 3, 3);
    public static string NewTokenId() => New(Token, 3, 3, 3);
    public static string NewGroupId() => New(Group, 3, 3, 3);
    public static string NewSessionId() => New(Session, 3, 3, 3, 3);
    public static string NewInvitationId() => New(Invitation, 3, 3, 3, 3);
    public static string NewPartnershipId() => New(Partnership, 3, 3, 3);
    public static string NewDomainId() => New(Domain, 3, 3, 3);
    public static string NewIdentityProviderId() => New(IdentityProvider, 3, 3, 3);
    public static string NewMediaId() => New(Media, 3, 3, 3);
    public static string NewAccessRuleId() => New(AccessRule, 3, 3, 3);
    public static string NewUserContactId() => New(UserContact, 3, 3, 3, 3);
    public static string NewAccountId(AccountRole role) =>
        New(role == AccountRole.Vendor ? VendorAccount : ProviderAccount, 3, 3);

    /// <summary>
    /// A candidate that <paramref name="taken"/> says is free. Ids are short (an account's has six digits, so a
    /// thousand accounts already make a repeat likely), so every new one is checked.
    /// </summary>
    public static async Task<string> UnusedAsync(Func<string> candidates, Func<string, Task<bool>> taken, string what)
    {
        const int attempts = 20;
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            var id = candidates();
            if (!await taken(id)) return id;
        }
        throw new InvalidOperationException($"No free {what} id in {attempts} attempts; the id space is nearly full.");
    }

    private static string New(string prefix, params int[] groups)
    {
        Span<char> buffer = stackalloc char[prefix.Length + groups.Sum(g => g + 1)];
        prefix.AsSpan().CopyTo(buffer);
        var at = prefix.Length;
        foreach (var size in groups)
        {
            buffer[at++] = '-';
            for (var i = 0; i < size; i++)
                buffer[at++] = (char)('0' + RandomNumberGenerator.GetInt32(10));
        }
        return new string(buffer);
    }
}
