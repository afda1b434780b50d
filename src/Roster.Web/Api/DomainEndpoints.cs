using System.Text.Json.Nodes;
using Roster.Common;
using Roster.Sso;
using Roster.Web.Auth;
using static Roster.Web.Api.SsoShapes;

namespace Roster.Web.Api;

/// <summary>/domains: the email domains of the caller's active account, their verification and sign-in policy.</summary>
public static class DomainEndpoints
{
    public sealed record DomainWriteBody(string? Domain, string? Name, string? Description, JsonObject? Auth);

    public static void MapDomainEndpoints(this IEndpointRouteBuilder api)
    {
        var domains = api.MapGroup("/domains").WithTags("Domains").ProducesConnectErrors(401, 403, 404);
        domains.MapGet("", (HttpContext context, DomainList list) =>
            Listing.RespondAsync(context, (query, ct) => list.ReadAsync(context.Actor(), query, ct), d => Domain(d))).Produces<DomainBody[]>();
        domains.MapPost("", AddAsync).Idempotent().Produces<DomainBody>(StatusCodes.Status201Created);
        domains.MapGet("/{pk}", async (string pk, HttpContext context, DomainList list) =>
            (await list.FindAsync(context.Actor(), pk, context.RequestAborted)).ToApi(d => Domain(d))).Produces<DomainBody>();
        domains.MapPut("/{pk}", UpdateAsync).Produces<DomainBody>();
        domains.MapDelete("/{pk}", async (string pk, HttpContext context, RemoveDomain remove) =>
        {
            var result = await remove.HandleAsync(pk, context.Actor(), context.RequestAborted);
            return result.Succeeded ? Results.NoContent() : result.Error.ToApi();
        });
        domains.MapPost("/{pk}/verify", async (string pk, HttpContext context, VerifyDomain verify) =>
            (await verify.HandleAsync(pk, context.Actor(), context.RequestAborted)).ToApi(d => Domain(d))).Produces<DomainBody>();
    }

    private static async Task<IResult> AddAsync(HttpContext context, AddDomain add)
    {
        var body = await ConnectJson.ReadAsync<DomainWriteBody>(context.Request);
        if (!body.Succeeded) return body.Error.ToApi();
        var b = body.Value;
        return (await add.HandleAsync(new AddDomainRequest(b.Domain, b.Name, b.Description), context.Actor(), context.RequestAborted))
            .ToApi(d => Domain(d), StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync(string pk, HttpContext context, UpdateDomain update)
    {
        var body = await ConnectJson.ReadAsync<DomainWriteBody>(context.Request);
        if (!body.Succeeded) return body.Error.ToApi();
        var b = body.Value;
        var auth = ReadAuth(b.Auth);
        if (!auth.Succeeded) return auth.Error.ToApi();
        var (providerGiven, providerId, enforce) = auth.Value;
        return (await update.HandleAsync(new UpdateDomainRequest(pk, b.Name, b.Description, providerGiven, providerId, enforce),
            context.Actor(), context.RequestAborted)).ToApi(d => Domain(d));
    }

    /// <summary><c>auth.idp</c> absent keeps the provider, null detaches it, <c>{"id": ...}</c> names one.</summary>
    private static Result<(bool ProviderGiven, string? ProviderId, bool? Enforce)> ReadAuth(JsonObject? auth)
    {
        if (auth is null) return (false, null, null);
        var invalid = new Error("request.invalid_json", "auth is {\"idp\": {\"id\": \"ID-...\"} or null, \"enforce\": true or false}.");
        bool? enforce = null;
        if (auth["enforce"] is { } e)
        {
            if (e.GetValueKind() is not (System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False)) return invalid;
            enforce = e.GetValue<bool>();
        }
        if (!auth.ContainsKey("idp")) return (false, null, enforce);
        if (auth["idp"] is null) return (true, null, enforce);
        if (auth["idp"] is not JsonObject idp) return invalid;
        if (idp["id"] is null) return (true, null, enforce);
        if (idp["id"]!.GetValueKind() != System.Text.Json.JsonValueKind.String) return invalid;
        return (true, idp["id"]!.GetValue<string>(), enforce);
    }
}
