using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Querying;

namespace Roster.Modules;

public sealed record ModuleView(string Id, string Name);

/// <summary>The catalogue of modules, the same for everyone signed in: GET /modules.</summary>
public sealed class ModuleList(RosterDbContext db)
{
    public async Task<Result<RqlPage<ModuleView>>> ReadAsync(RqlQuery query, CancellationToken ct = default)
    {
        var page = await ModuleListing.Resource.ReadPageAsync(db.Modules.AsNoTracking(), query, RqlDialect.For(db.Provider), ct);
        return page.Succeeded ? page.Value.Select(m => new ModuleView(m.Id, m.Name)) : page.Error;
    }

    public async Task<Result<ModuleView>> FindAsync(string id, CancellationToken ct = default)
    {
        var module = await db.Modules.AsNoTracking().Where(m => m.Id == id).Select(m => new ModuleView(m.Id, m.Name)).SingleOrDefaultAsync(ct);
        return module is null ? Error.NotFound("module") : module;
    }
}
