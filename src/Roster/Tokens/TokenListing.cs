using Roster.Querying;

namespace Roster.Tokens;

public static class TokenListing
{
    private const Lookups Strings = Lookups.Equality | Lookups.Text | Lookups.Lists;

    public static RqlResource<ApiToken> Resource { get; } = new RqlResource<ApiToken>()
        .Key(t => t.Id)
        .Field("id", t => t.Id, Strings | Lookups.Null, orderable: true, searchable: true)
        .Field("name", t => t.Name, Strings | Lookups.Null, orderable: true, searchable: true)
        .Field("status", t => t.Status, Strings, orderable: true)
        .Field("external_id", t => t.ExternalId, Strings | Lookups.Null)
        .Field("extension.id", t => t.ExtensionId, Strings | Lookups.Null, orderable: true)
        .Field("extension.name", t => t.ExtensionName, Strings)
        .Field("expiration_date", t => t.ExpiresAt, Lookups.Comparison | Lookups.Lists | Lookups.Null, orderable: true)
        .Field("events.created.at", t => t.CreatedAt, Lookups.Comparison | Lookups.Lists, orderable: true)
        .Field("events.created.by.id", t => t.CreatedById, Strings | Lookups.Null)
        .Field("events.created.by.name", t => t.CreatedByName, Strings | Lookups.Null)
        .Collection("permissions.id", t => t.Permissions, p => p.ModuleId, Strings)
        .Collection("permissions.object.id", t => t.Permissions, p => p.ModuleId, Strings)
        .DefaultOrdering("-events.created.at");

    public static RqlResource<TokenPermission> Permissions { get; } = new RqlResource<TokenPermission>()
        .Key(p => p.ModuleId)
        .Field("id", p => p.ModuleId, Strings | Lookups.Null, orderable: true, searchable: true)
        .Field("object.id", p => p.ModuleId, Strings, orderable: true, searchable: true)
        .DefaultOrdering("id");
}
