using Roster.Querying;

namespace Roster.Modules;

public static class ModuleListing
{
    public static RqlResource<Module> Resource { get; } = new RqlResource<Module>()
        .Key(m => m.Id)
        .Field("id", m => m.Id, Lookups.Equality | Lookups.Text | Lookups.Null | Lookups.Lists, orderable: true, searchable: true)
        .Field("name", m => m.Name, Lookups.Equality | Lookups.Text | Lookups.Lists, orderable: true, searchable: true)
        .DefaultOrdering("id");
}
