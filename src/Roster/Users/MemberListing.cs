using System.Linq.Expressions;
using Roster.Accounts;
using Roster.Contacts;
using Roster.Data;
using Roster.Querying;
using Roster.Sso;

namespace Roster.Users;

/// <summary>GET /accounts/{a}/users: the fields and lookups of Connect's spec, over the member rows of one account.</summary>
public static class MemberListing
{
    private const Lookups References = Lookups.Equality | Lookups.Text | Lookups.Null | Lookups.Lists;

    /// <summary>
    /// The list's fields with the sign-in ones, <c>idp.id</c> and <c>domain.*</c>: the rule of
    /// <see cref="SignInRoutes"/> in SQL over the member's indexed email domain, so a filter never runs it per row in
    /// code; and <c>tags.*</c>, the member's contact tags in the account. Those fields' expressions name the context's
    /// sets, so they are built once per context (<see cref="PerContext{T}"/>).
    /// </summary>
    public static RqlResource<Membership> For(RosterDbContext db) => Built.For(db);

    private static readonly PerContext<RqlResource<Membership>> Built = new(Build);

    private static RqlResource<Membership> Build(RosterDbContext db) => Declared.Copy()
        .Field("idp.id", SignInRoutes.ProviderIdOf<Membership>(db, m => m.UserId, m => m.EmailDomain), References)
        .Field("domain.id", SignInRoutes.DomainIdOf<Membership>(db, m => m.EmailDomain), References)
        .Field("domain.auth.idp.id", SignInRoutes.DomainProviderIdOf<Membership>(db, m => m.EmailDomain), References)
        .Field("domain.auth.enforce", SignInRoutes.DomainEnforcedOf<Membership>(db, m => m.EmailDomain), Lookups.Equality)
        .Field("external_id", SignInRoutes.ExternalIdOf<Membership>(db, m => m.UserId), References)
        .Collection("tags.id", ContactsOf(db), c => c.Kind == ContactKind.Technical ? ContactTags.TechnicalId : ContactTags.BusinessId,
            References)
        .Collection("tags.name", ContactsOf(db), c => c.Kind == ContactKind.Technical ? "Technical" : "Business", Strings);

    private static Expression<Func<Membership, IEnumerable<AccountContact>>> ContactsOf(RosterDbContext db) =>
        m => db.AccountContacts.Where(c => c.AccountId == m.AccountId && c.UserId == m.UserId);

    private const Lookups Strings = Lookups.Equality | Lookups.Text | Lookups.Lists;
    private const Lookups Dates = Lookups.Comparison | Lookups.Lists;

    private static readonly RqlResource<Membership> Declared = new RqlResource<Membership>()
        .Key(m => m.UserId)
        .Field("id", m => m.UserId, Strings | Lookups.Null, orderable: true, searchable: true)
        .Field("name", m => m.Name, Strings | Lookups.Null, orderable: true, searchable: true)
        .Field("email", m => m.Email, Strings, orderable: true, searchable: true)
        .Field("status", m => m.Status, Lookups.Equality | Lookups.Lists, orderable: true)
        .Collection("groups.id", m => m.Groups, g => g.GroupId, Strings | Lookups.Null)
        .Collection("groups.name", m => m.Groups, g => g.Group!.Name, Strings)
        .Field("events.created.at", m => m.CreatedAt, Dates, orderable: true)
        .Field("events.invited.at", m => m.InvitedAt, Dates | Lookups.Null, orderable: true)
        .Field("events.activated.at", m => m.ActivatedAt, Dates | Lookups.Null, orderable: true)
        .Field("events.signed.at", m => m.SignedInAt, Dates | Lookups.Null, orderable: true)
        .Field("events.revoked.at", m => m.RevokedAt, Dates | Lookups.Null, orderable: true)
        .DefaultOrdering("name");
}
