using Roster.Querying;

namespace Roster.Users;

/// <summary>GET /users: people the caller shares an account with.</summary>
public static class UserListing
{
    private const Lookups Strings = Lookups.Equality | Lookups.Text | Lookups.Lists;

    public static RqlResource<User> Resource { get; } = new RqlResource<User>()
        .Key(u => u.Id)
        .Field("id", u => u.Id, Strings, orderable: true, searchable: true)
        .Field("name", u => u.Name, Strings, orderable: true, searchable: true)
        .Field("email", u => u.Email, Strings, orderable: true, searchable: true)
        .Field("events.created.at", u => u.CreatedAt, Lookups.Comparison | Lookups.Lists, orderable: true)
        .Field("events.signed.at", u => u.LastSignedInAt, Lookups.Comparison | Lookups.Lists | Lookups.Null, orderable: true)
        .DefaultOrdering("name");
}
