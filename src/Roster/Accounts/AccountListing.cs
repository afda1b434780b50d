using Roster.Querying;

namespace Roster.Accounts;

/// <summary>GET /accounts: the fields Connect's spec lets clients filter, order and search.</summary>
public static class AccountListing
{
    public static RqlResource<Account> Resource { get; } = new RqlResource<Account>()
        .Key(a => a.Id)
        .Field("id", a => a.Id, Lookups.Equality | Lookups.Text | Lookups.Null | Lookups.Lists, orderable: true, searchable: true)
        .Field("name", a => a.Name, Lookups.Equality | Lookups.Text | Lookups.Lists, orderable: true, searchable: true)
        .Field("external_id", a => a.ExternalId, Lookups.Equality | Lookups.Text | Lookups.Lists | Lookups.Null, orderable: true, searchable: true)
        .Field("role", a => a.Role, Lookups.Equality | Lookups.Text | Lookups.Lists, orderable: true)
        .Field("type", a => a.Role == AccountRole.Vendor ? "vendor" : "provider", Lookups.Equality | Lookups.Text | Lookups.Lists)
        .Field("events.created.at", a => a.CreatedAt, Lookups.Comparison | Lookups.Lists, orderable: true)
        .DefaultOrdering("name");
}
