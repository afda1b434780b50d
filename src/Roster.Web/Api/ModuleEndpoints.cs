using Microsoft.EntityFrameworkCore;
using Roster.Data;
using Roster.Modules;

namespace Roster.Web.Api;

/// <summary>/modules: the catalogue of modules that groups and tokens are granted.</summary>
public static class ModuleEndpoints
{
    public static void MapModuleEndpoints(this IEndpointRouteBuilder api)
    {
        var modules = api.MapGroup("/modules").WithTags("Modules");
        modules.MapGet("", (HttpContext context, RosterDbContext db) =>
            Listing.RespondAsync(context, db, db.Modules.AsNoTracking(), ModuleListing.Resource, Shapes.Module))
            .Produces<Shapes.ModuleBody[]>().ProducesConnectErrors(401);
        modules.MapGet("/{id}", async (string id, RosterDbContext db, CancellationToken ct) =>
        {
            var module = await db.Modules.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, ct);
            return module is null ? Common.Error.NotFound("module").ToApi() : ConnectJson.Ok(Shapes.Module(module));
        }).Produces<Shapes.ModuleBody>().ProducesConnectErrors(401, 404);
    }
}
