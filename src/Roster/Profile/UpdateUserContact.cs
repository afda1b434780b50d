using Roster.Common;

namespace Roster.Profile;

/// <summary>
/// Connect's update of a user contact changes only its tags. Roster knows no tags for a user's own contacts, so an
/// empty list is the one update there is: it changes nothing and is not audited; any tag is refused by name.
/// </summary>
public sealed class UpdateUserContact(UserContactList contacts)
{
    public async Task<Result<UserContactView>> HandleAsync(
        string userId, string contactId, IReadOnlyList<string?>? tagIds, Actor actor, CancellationToken ct = default)
    {
        var contact = await contacts.FindAsync(actor, userId, contactId, ct);
        if (!contact.Succeeded) return contact.Error;
        if (tagIds is { Count: > 0 })
            return new Error("user_contacts.unknown_tag",
                $"The tag '{tagIds[0] ?? ""}' does not exist: a user's own contacts take no tags.", Field: "tags");
        return contact.Value;
    }
}
