using Roster.Accounts;
using Roster.Web.Auth;

namespace Roster.Web.Api;

/// <summary>/accounts: the accounts the caller belongs to.</summary>
public static class AccountEndpoints
{
    public sealed record AccountWriteBody(
        string? Name, string? Role, string? Description, string? ExternalId, string? Overview = null, string? Headquarters = null,
        IReadOnlyList<string>? Countries = null, IReadOnlyList<string>? Languages = null, IReadOnlyList<string>? Websites = null,
        bool? Public = null)
    {
        public AccountProfileChange Profile => new(Overview, Headquarters, Countries, Languages, Websites, Public);
    }

    public static void MapAccountEndpoints(this IEndpointRouteBuilder api)
    {
        var accounts = api.MapGroup("/accounts").WithTags("Accounts");
        accounts.MapGet("", ListAsync).Produces<Shapes.AccountBody[]>().ProducesConnectErrors(401);
        accounts.MapPost("", CreateAsync).Idempotent()
            .Produces<Shapes.AccountBody>(StatusCodes.Status201Created).ProducesConnectErrors(401);
        accounts.MapGet("/{id}", GetAsync).Produces<Shapes.AccountBody>().ProducesConnectErrors(401, 404);
        accounts.MapPut("/{id}", UpdateAsync)
            .Produces<Shapes.AccountBody>().ProducesConnectErrors(401, 403, 404);
        accounts.MapDelete("/{id}", DeleteAsync)
            .Produces(StatusCodes.Status204NoContent).ProducesConnectErrors(400, 401, 403, 404);
    }

    private static Task<IResult> ListAsync(HttpContext context, AccountDetails accounts) =>
        Listing.RespondAsync(context, (query, ct) => accounts.ListAsync(context.Actor(), query, ct), Shapes.Account);

    private static async Task<IResult> CreateAsync(HttpContext context, CreateAccount create)
    {
        var body = await ConnectJson.ReadAsync<AccountWriteBody>(context.Request);
        if (!body.Succeeded) return body.Error.ToApi();
        var b = body.Value;
        var result = await create.HandleAsync(new CreateAccountRequest(b.Name, b.Role, b.Description, b.ExternalId), context.Actor(), context.RequestAborted);
        return result.ToApi(Shapes.Account, StatusCodes.Status201Created);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, AccountDetails accounts) =>
        (await accounts.ReadAsync(context.Actor(), id, context.RequestAborted)).ToApi(Shapes.Account);

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, DeleteAccount delete) =>
        (await delete.HandleAsync(new DeleteAccountRequest(id), context.Actor(), context.RequestAborted)).ToApi();

    private static async Task<IResult> UpdateAsync(string id, HttpContext context, UpdateAccount update)
    {
        var body = await ConnectJson.ReadAsync<AccountWriteBody>(context.Request);
        if (!body.Succeeded) return body.Error.ToApi();
        var b = body.Value;
        var result = await update.HandleAsync(new UpdateAccountRequest(id, b.Name, b.Description, b.ExternalId, b.Role, b.Profile), context.Actor(), context.RequestAborted);
        return result.ToApi(Shapes.Account);
    }
}
