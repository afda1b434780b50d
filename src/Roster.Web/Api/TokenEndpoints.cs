using System.Text.Json;
using Roster.Common;
using Roster.Tokens;
using Roster.Web.Auth;
using static Roster.Web.Api.Shapes;

namespace Roster.Web.Api;

/// <summary>/auth/tokens: API tokens of the caller's active account (Connect's Integrations).</summary>
public static class TokenEndpoints
{
    public sealed record TokenWriteBody(
        string? Name, string? Description, string? ExternalId, Reference? Extension, DateTimeOffset? ExpirationDate);
    public sealed record RotateBody(DateTimeOffset? ExpirationDate);

    public static void MapTokenEndpoints(this IEndpointRouteBuilder api)
    {
        var tokens = api.MapGroup("/auth/tokens").WithTags("Tokens").ProducesConnectErrors(401, 403, 404);
        tokens.MapGet("", ListAsync).Produces<TokenBody[]>();
        tokens.MapPost("", CreateAsync).Idempotent().Produces<TokenBody>(StatusCodes.Status201Created);
        tokens.MapGet("/{id}", GetAsync).Produces<TokenBody>();
        tokens.MapPut("/{id}", UpdateAsync).Produces<TokenBody>();
        tokens.MapDelete("/{id}", async (string id, HttpContext context, DeleteToken delete) =>
        {
            var result = await delete.HandleAsync(id, context.Actor(), context.RequestAborted);
            return result.Succeeded ? Results.NoContent() : result.Error.ToApi();
        });
        tokens.MapPost("/{id}/activate", async (string id, HttpContext context, ChangeTokenStatus change) =>
            (await change.ActivateAsync(id, context.Actor(), context.RequestAborted)).ToApi(Body));
        tokens.MapPost("/{id}/deactivate", async (string id, HttpContext context, ChangeTokenStatus change) =>
            (await change.DeactivateAsync(id, context.Actor(), context.RequestAborted)).ToApi(Body));
        tokens.MapPost("/{id}/rotate", RotateAsync).Produces<TokenBody>();
        tokens.MapPost("/{id}/renew", RenewAsync).Produces<TokenBody>();
        tokens.MapGet("/{id}/permissions", ListPermissionsAsync).Produces<PermissionBody[]>();
        tokens.MapPost("/{id}/permissions", GrantAsync).Produces<PermissionBody>(StatusCodes.Status201Created);
        tokens.MapDelete("/{id}/permissions", RevokeAsync);
        tokens.MapDelete("/{id}/permissions/{moduleId}", async (string id, string moduleId, HttpContext context, ChangeTokenPermissions change) =>
        {
            var result = await change.RevokeAsync(id, [moduleId], context.Actor(), context.RequestAborted);
            return result.Succeeded ? Results.NoContent() : result.Error.ToApi();
        });
    }

    private static Task<IResult> ListAsync(HttpContext context, TokenList tokens) =>
        Listing.RespondAsync(context, (query, ct) => tokens.ReadAsync(context.Actor(), query, ct),
            page => Task.FromResult(page.Select(t => (object)Body(t))));

    private static async Task<IResult> GetAsync(string id, HttpContext context, TokenList tokens) =>
        (await tokens.FindAsync(context.Actor(), id, context.RequestAborted)).ToApi(Body);

    private static async Task<IResult> CreateAsync(HttpContext context, CreateToken create)
    {
        var body = await ConnectJson.ReadAsync<TokenWriteBody>(context.Request);
        if (!body.Succeeded) return body.Error.ToApi();
        var b = body.Value;
        var result = await create.HandleAsync(
            new CreateTokenRequest(b.Name, b.Description, b.ExternalId, b.Extension?.Id, b.ExpirationDate), context.Actor(), context.RequestAborted);
        return result.ToApi(Issued, StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync(string id, HttpContext context, UpdateToken update)
    {
        var body = await ConnectJson.ReadAsync<TokenWriteBody>(context.Request);
        if (!body.Succeeded) return body.Error.ToApi();
        var b = body.Value;
        return (await update.HandleAsync(
            new UpdateTokenRequest(id, b.Name, b.Description, b.ExternalId), context.Actor(), context.RequestAborted)).ToApi(Body);
    }

    private static async Task<IResult> RotateAsync(string id, HttpContext context, RotateToken rotate)
    {
        var body = context.Request.ContentLength is null or 0
            ? Result<RotateBody>.Ok(new RotateBody(null))
            : await ConnectJson.ReadAsync<RotateBody>(context.Request);
        if (!body.Succeeded) return body.Error.ToApi();
        return (await rotate.HandleAsync(id, body.Value.ExpirationDate, context.Actor(), context.RequestAborted)).ToApi(Issued);
    }

    private static async Task<IResult> RenewAsync(string id, HttpContext context, RenewToken renew)
    {
        var body = context.Request.ContentLength is null or 0
            ? Result<RotateBody>.Ok(new RotateBody(null))
            : await ConnectJson.ReadAsync<RotateBody>(context.Request);
        if (!body.Succeeded) return body.Error.ToApi();
        return (await renew.HandleAsync(id, body.Value.ExpirationDate, context.Actor(), context.RequestAborted))
            .ToApi(t => Token(t.Token, t.AccountName, t.HeaderValue) with { RenewedToken = t.HeaderValue, RenewedExpirationDate = t.Token.ExpiresAt });
    }

    private static Task<IResult> ListPermissionsAsync(string id, HttpContext context, TokenList tokens) =>
        Listing.RespondAsync(context, (query, ct) => tokens.PermissionsAsync(context.Actor(), id, query, ct),
            page => Task.FromResult(page.Select(p => (object)PermissionBodies.Of(p.ModuleId, p.GrantedAt, p.GrantedById, p.GrantedByName))));

    private static async Task<IResult> GrantAsync(string id, HttpContext context, ChangeTokenPermissions change)
    {
        var modules = await PermissionBodies.ReadAsync(context.Request);
        if (!modules.Succeeded) return modules.Error.ToApi();
        var result = await change.GrantAsync(id, modules.Value.ModuleIds, context.Actor(), context.RequestAborted);
        return result.ToApi(t => PermissionBodies.Granted(modules.Value, Body(t).Permissions), StatusCodes.Status201Created);
    }

    private static async Task<IResult> RevokeAsync(string id, HttpContext context, ChangeTokenPermissions change)
    {
        var modules = await PermissionBodies.ReadModuleIdsAsync(context.Request);
        if (!modules.Succeeded) return modules.Error.ToApi();
        var result = await change.RevokeAsync(id, modules.Value, context.Actor(), context.RequestAborted);
        return result.Succeeded ? Results.NoContent() : result.Error.ToApi();
    }

    // Changes answer with what their use case read in its transaction, never with a query after the commit.
    private static TokenBody Body(AccountToken t) => Token(t.Token, t.AccountName);

    private static TokenBody Issued(IssuedToken t) => Token(t.Token, t.AccountName, t.HeaderValue);
}
