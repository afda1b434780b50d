using Roster.Modules;

namespace Roster.Web.Api;

/// <summary>/modules: the catalogue of modules that groups and tokens are granted.</summary>
public static class ModuleEndpoints
{
    public static void MapModuleEndpoints(this IEndpointRouteBuilder api)
    {
        var modules = api.MapGroup("/modules").WithTags("Modules");
        modules.MapGet("", (HttpContext context, ModuleList list) =>
            Listing.RespondAsync(context, list.ReadAsync, Shape))
            .Produces<Shapes.ModuleBody[]>().ProducesConnectErrors(401);
        modules.MapGet("/{id}", async (string id, ModuleList list, CancellationToken ct) =>
            (await list.FindAsync(id, ct)).ToApi(Shape)).Produces<Shapes.ModuleBody>().ProducesConnectErrors(401, 404);
    }

    private static Shapes.ModuleBody Shape(ModuleView m) => new(m.Id, m.Name);
}
