namespace Roster.Contacts;

/// <summary>How a contact kind reads on the wire: Connect's contact tags, with ids that never change.</summary>
public static class ContactTags
{
    public const string TechnicalId = "TA-TECHNICAL";
    public const string BusinessId = "TA-BUSINESS";

    public static string IdOf(ContactKind kind) => kind == ContactKind.Technical ? TechnicalId : BusinessId;

    public static string NameOf(ContactKind kind) => kind == ContactKind.Technical ? "Technical" : "Business";
}
