using Roster.Data;
using Roster.Querying;
using Roster.Sso;

namespace Roster.Users;

/// <summary>GET /users: people the caller shares an account with.</summary>
public static class UserListing
{
    private const Lookups Strings = Lookups.Equality | Lookups.Text | Lookups.Lists;

    private const Lookups References = Lookups.Equality | Lookups.Text | Lookups.Null | Lookups.Lists;

    /// <summary>
    /// With the sign-in fields <c>idp.id</c> and <c>domain.id</c>, the rule of <see cref="SignInRoutes"/> in SQL, built
    /// once per context (<see cref="PerContext{T}"/>).
    /// </summary>
    public static RqlResource<User> For(RosterDbContext db) => Built.For(db);

    private static readonly RqlResource<User> Declared = new RqlResource<User>()
        .Key(u => u.Id)
        .Field("id", u => u.Id, Strings, orderable: true, searchable: true)
        .Field("name", u => u.Name, Strings, orderable: true, searchable: true)
        .Field("email", u => u.Email, Strings, orderable: true, searchable: true)
        .Field("events.created.at", u => u.CreatedAt, Lookups.Comparison | Lookups.Lists, orderable: true)
        .Field("events.signed.at", u => u.LastSignedInAt, Lookups.Comparison | Lookups.Lists | Lookups.Null, orderable: true)
        .DefaultOrdering("name");

    private static readonly PerContext<RqlResource<User>> Built = new(db => Declared.Copy()
        .Field("idp.id", SignInRoutes.ProviderIdOf<User>(db, u => u.Id, u => u.EmailDomain), References)
        .Field("domain.id", SignInRoutes.DomainIdOf<User>(db, u => u.EmailDomain), References)
        .Field("external_id", SignInRoutes.ExternalIdOf<User>(db, u => u.Id), References));
}
