using Roster.Partners;
using Roster.Web.Auth;
using static Roster.Web.Api.ContactEndpoints;
using static Roster.Web.Api.Shapes;

namespace Roster.Web.Api;

/// <summary>
/// /partners: the accounts the caller's account has a partnership with, by the other account's id. Contacts appear
/// only while the partnership is active.
/// </summary>
public static class PartnerEndpoints
{
    public sealed record PartnerBody(
        string Id, string Name, string Status, string Type, string Role, PartnerEvents Events, IReadOnlyList<ContactBody>? Contacts);
    public sealed record PartnerEvents(Event Created, Event? Accepted);

    public static void MapPartnerEndpoints(this IEndpointRouteBuilder api)
    {
        var partners = api.MapGroup("/partners").WithTags("Partners").ProducesConnectErrors(401, 403, 404);
        partners.MapGet("", ListAsync).Produces<PartnerBody[]>();
        partners.MapPost("", InviteAsync).Idempotent().Produces<PartnerBody>(StatusCodes.Status201Created);
        partners.MapGet("/{partnerId}", GetAsync).Produces<PartnerBody>();
        partners.MapPost("/{partnerId}/accept", async (string partnerId, HttpContext context, AcceptPartnership accept) =>
            (await accept.HandleAsync(partnerId, context.Actor(), context.RequestAborted)).ToApi(Partner)).Produces<PartnerBody>();
        partners.MapPost("/{partnerId}/terminate", async (string partnerId, HttpContext context, TerminatePartnership terminate) =>
            (await terminate.HandleAsync(partnerId, context.Actor(), context.RequestAborted)).ToApi(Partner)).Produces<PartnerBody>();
    }

    private static Task<IResult> ListAsync(HttpContext context, PartnerList partners) =>
        Listing.RespondAsync(context, (query, ct) => partners.ReadAsync(context.Actor(), query, ct), Partner);

    private static async Task<IResult> GetAsync(string partnerId, HttpContext context, PartnerList partners) =>
        (await partners.FindAsync(context.Actor(), partnerId, context.RequestAborted)).ToApi(Partner);

    private static async Task<IResult> InviteAsync(HttpContext context, InvitePartner invite)
    {
        var body = await ConnectJson.ReadAsync<Reference>(context.Request);
        if (!body.Succeeded) return body.Error.ToApi();
        var result = await invite.HandleAsync(body.Value.Id, context.Actor(), context.RequestAborted);
        return result.ToApi(Partner, StatusCodes.Status201Created);
    }

    private static PartnerBody Partner(PartnerView v)
    {
        var p = v.Partner;
        return new PartnerBody(p.Id, p.Name, p.Status.ToString().ToLowerInvariant(), p.Role.TypeOf(), p.Role.ToApi(),
            new PartnerEvents(new Event(p.CreatedAt), p.AcceptedAt is null ? null : new Event(p.AcceptedAt.Value)),
            v.Contacts?.Select(Contact).ToList());
    }
}
