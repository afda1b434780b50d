using Roster.Common;

namespace Roster.Contacts;

/// <summary>The stable codes of the Contacts use cases.</summary>
public static class ContactErrors
{
    public static readonly Error ListsRequired = new("contacts.lists_required",
        "Send both lists: {\"technical\": [{\"id\": \"UR-...\"}], \"business\": [{\"id\": \"UR-...\"}]} (an empty list clears one).");
    public static readonly Error UserRequired = new("contacts.user_required", "Name each contact: {\"id\": \"UR-...\"}.", Field: "id");

    public static Error NotActiveMember(string id) => new("contacts.not_active_member",
        $"'{id}' is not an active member of this account: only active members can be its contacts.", Field: "id");
}
