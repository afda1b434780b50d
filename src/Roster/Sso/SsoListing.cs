using Roster.Querying;

namespace Roster.Sso;

/// <summary>The RQL fields of the domain and identity provider lists.</summary>
public static class SsoListing
{
    private const Lookups Strings = Lookups.Equality | Lookups.Text | Lookups.Lists;

    public static RqlResource<Domain> Domains { get; } = new RqlResource<Domain>()
        .Key(d => d.Id)
        .Field("id", d => d.Id, Strings, orderable: true, searchable: true)
        .Field("domain", d => d.Name, Strings, orderable: true, searchable: true)
        .Field("name", d => d.DisplayName, Strings | Lookups.Null, orderable: true, searchable: true)
        .Field("status", d => d.Status, Strings, orderable: true)
        .Field("auth.idp.id", d => d.IdentityProviderId, Strings | Lookups.Null)
        .Field("events.created.at", d => d.CreatedAt, Lookups.Comparison | Lookups.Lists, orderable: true)
        .Field("events.updated.at", d => d.UpdatedAt, Lookups.Comparison | Lookups.Lists, orderable: true)
        .DefaultOrdering("domain");

    public static RqlResource<IdentityProvider> Providers { get; } = new RqlResource<IdentityProvider>()
        .Key(p => p.Id)
        .Field("id", p => p.Id, Strings, orderable: true, searchable: true)
        .Field("name", p => p.Name, Strings, orderable: true, searchable: true)
        .Field("type", p => p.Type, Strings, orderable: true)
        .Field("external_id", p => p.ExternalId, Strings | Lookups.Null)
        .Field("events.created.at", p => p.CreatedAt, Lookups.Comparison | Lookups.Lists, orderable: true)
        .DefaultOrdering("name");
}
