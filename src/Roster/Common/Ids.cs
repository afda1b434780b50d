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

    public static string NewUserId() => New(User, 3, 3, 3);
    public static string NewTokenId() => New(Token, 3, 3, 3);
    public static string NewGroupId() => New(Group, 3, 3, 3);
    public static string NewSessionId() => New(Session, 3, 3, 3, 3);
    public static string NewInvitationId() => New(Invitation, 3, 3, 3, 3);
    public static string NewPartnershipId() => New(Partnership, 3, 3, 3);
    public static string NewAccountId(AccountRole role) =>
        New(role == AccountRole.Vendor ? VendorAccount : ProviderAccount, 3, 3);

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
