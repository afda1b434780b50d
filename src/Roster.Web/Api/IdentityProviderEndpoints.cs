using Roster.Sso;
using Roster.Web.Auth;
using static Roster.Web.Api.SsoShapes;

namespace Roster.Web.Api;

/// <summary>/idps: the identity providers of the caller's active account. A client secret goes in and never comes out.</summary>
public static class IdentityProviderEndpoints
{
    public sealed record IdpWriteBody(string? Name, string? Description, string? ExternalId, string? Type, IdpSettingsWrite? Settings);
    public sealed record IdpSettingsWrite(
        string? Issuer, string? ClientId, string? ClientSecret, List<string>? Scopes, IdpUserWrite? User, IdpGroupWrite? Group);
    public sealed record IdpUserWrite(ClaimsWrite? Attributes, string? Notice);
    public sealed record ClaimsWrite(string? ExternalId, string? Email, string? Name);
    public sealed record IdpGroupWrite(ClaimsWrite? Attributes, bool? Auto);

    public static void MapIdentityProviderEndpoints(this IEndpointRouteBuilder api)
    {
        var idps = api.MapGroup("/idps").WithTags("Identity providers").ProducesConnectErrors(401, 403, 404);
        idps.MapGet("", (HttpContext context, IdentityProviderList list) =>
            Listing.RespondAsync(context, (query, ct) => list.ReadAsync(context.Actor(), query, ct), p => Provider(p))).Produces<IdpBody[]>();
        idps.MapPost("", AddAsync).Idempotent().Produces<IdpBody>(StatusCodes.Status201Created);
        idps.MapGet("/{idp_id}", async (string idp_id, HttpContext context, IdentityProviderList list) =>
            (await list.FindAsync(context.Actor(), idp_id, context.RequestAborted)).ToApi(p => Provider(p))).Produces<IdpBody>();
        idps.MapPut("/{idp_id}", UpdateAsync).Produces<IdpBody>();
        idps.MapDelete("/{idp_id}", async (string idp_id, HttpContext context, RemoveIdentityProvider remove) =>
        {
            var result = await remove.HandleAsync(idp_id, context.Actor(), context.RequestAborted);
            return result.Succeeded ? Results.NoContent() : result.Error.ToApi();
        });
        idps.MapPost("/{idp_id}/test", async (string idp_id, HttpContext context, TestIdentityProvider test) =>
            (await test.HandleAsync(idp_id, context.Actor(), context.RequestAborted)).ToApi(t => Test(t))).Produces<ConnectionTestBody>();
    }

    private static async Task<IResult> AddAsync(HttpContext context, AddIdentityProvider add)
    {
        var body = await ConnectJson.ReadAsync<IdpWriteBody>(context.Request);
        if (!body.Succeeded) return body.Error.ToApi();
        var b = body.Value;
        return (await add.HandleAsync(new AddIdentityProviderRequest(b.Name, b.Description, b.ExternalId, b.Type, Settings(b.Settings)),
            context.Actor(), context.RequestAborted)).ToApi(p => Provider(p), StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync(string idp_id, HttpContext context, UpdateIdentityProvider update)
    {
        var body = await ConnectJson.ReadAsync<IdpWriteBody>(context.Request);
        if (!body.Succeeded) return body.Error.ToApi();
        var b = body.Value;
        return (await update.HandleAsync(new UpdateIdentityProviderRequest(idp_id, b.Name, b.Description, b.ExternalId, Settings(b.Settings)),
            context.Actor(), context.RequestAborted)).ToApi(p => Provider(p));
    }

    private static OpenIdSettingsInput? Settings(IdpSettingsWrite? s) => s is null ? null : new OpenIdSettingsInput(
        s.Issuer, s.ClientId, s.ClientSecret, s.Scopes,
        s.User?.Attributes?.ExternalId, s.User?.Attributes?.Email, s.User?.Attributes?.Name, s.User?.Notice,
        s.Group?.Attributes?.ExternalId, s.Group?.Auto);
}
