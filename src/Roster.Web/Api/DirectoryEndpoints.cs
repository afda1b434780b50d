using System.Text.Json.Nodes;
using Roster.Common;
using Roster.Sso;
using Roster.Web.Auth;
using static Roster.Web.Api.SignInShapes;

namespace Roster.Web.Api;

/// <summary>/domains/{d}/users: the people of one of the account's verified domains, and pointing one at another provider.</summary>
public static class DirectoryEndpoints
{
    /// <summary>A person of the domain as Connect's auth.User carries them, with <c>member</c>: whether they belong to this account.</summary>
    public sealed record DirectoryBody(string Id, string Name, string Email, string Timezone, IdpBody? Idp, DomainUserBody? Domain, bool Member, string? Status);
    public sealed record DomainUserUpdateBody(IdpBody? Idp);

    public static readonly Error IdpRequired = new("domain.idp_required",
        "Name the provider: {\"idp\": {\"id\": \"ID-...\"}}, or {\"idp\": null} to follow the domain's provider again.", Field: "idp");

    public static void MapDirectoryEndpoints(this IEndpointRouteBuilder api)
    {
        var people = api.MapGroup("/domains/{domainId}/users").WithTags("Domains").ProducesConnectErrors(400, 401, 403, 404);
        people.MapGet("", (string domainId, HttpContext context, DomainDirectory directory) =>
            Listing.RespondAsync(context, (query, ct) => directory.ReadAsync(context.Actor(), domainId, query, ct), p => Person(p)))
            .Produces<DirectoryBody[]>();
        people.MapGet("/{userId}", async (string domainId, string userId, HttpContext context, DomainDirectory directory) =>
            (await directory.ReadOneAsync(context.Actor(), domainId, userId, context.RequestAborted)).ToApi(Person))
            .Produces<DirectoryBody>();
        people.MapPut("/{userId}", UpdateAsync).Produces<DomainUserUpdateBody>();
    }

    private static async Task<IResult> UpdateAsync(string domainId, string userId, HttpContext context, ChangeDomainUserProvider change)
    {
        var body = await ConnectJson.ReadAsync<JsonObject>(context.Request);
        if (!body.Succeeded) return body.Error.ToApi();
        var choice = Choice(body.Value);
        if (!choice.Succeeded) return choice.Error.ToApi();
        var result = await change.HandleAsync(new ChangeDomainUserProviderRequest(domainId, userId, choice.Value), context.Actor(), context.RequestAborted);
        return result.ToApi(p => new DomainUserUpdateBody(Idp(p.Route)));
    }

    private static Result<ProviderChoice> Choice(JsonObject body)
    {
        if (!body.TryGetPropertyValue("idp", out var idp)) return IdpRequired;
        if (idp is null) return ProviderChoice.DomainDefault;
        if (idp is JsonObject o && o["id"] is JsonValue v && v.TryGetValue<string>(out var id) && !string.IsNullOrWhiteSpace(id))
            return new ProviderChoice(id);
        return IdpRequired;
    }

    public static DirectoryBody Person(DirectoryPerson p) => new(
        p.Id, p.Name, p.Email, p.TimeZone, Idp(p.Route), Domain(p.Route), p.Membership is not null, p.Membership?.ToString().ToLowerInvariant());
}
