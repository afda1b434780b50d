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
        string Id, string Name, string Status, string Type, string Role, PartnerEvents Events, IReadOnlyList<ContactBody>? Contacts,
        string Icon, string Description, string Overview, string Headquarters, IReadOnlyList<string> Countries,
        IReadOnlyDictionary<string, string> Languages, IReadOnlyDictionary<string, string> Websites, PartnerStats Stats, PartnerPublic Public);
    public sealed record PartnerEvents(Event Created, Event? Accepted);

    /// <summary>Roster keeps no contracts or listings: Connect's counters, always zero.</summary>
    public sealed record PartnerStats(ContractStats Contracts, int Listings);
    public sealed record ContractStats(int Distribution, int Program, int Service, int Syndication);

    /// <summary>The spec types the partner's <c>public</c> as an object; the account's flag is inside.</summary>
    public sealed record PartnerPublic(bool Enabled);

    private static readonly PartnerStats NoStats = new(new ContractStats(0, 0, 0, 0), 0);

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

    /// <summary>The profile shows, as the contacts do, only while the partnership is active; before, it reads empty.</summary>
    private static PartnerBody Partner(PartnerView v)
    {
        var p = v.Partner;
        var shown = v.Contacts is not null;
        return new PartnerBody(p.Id, p.Name, p.Status.ToString().ToLowerInvariant(), p.Role.TypeOf(), p.Role.ToApi(),
            new PartnerEvents(new Event(p.CreatedAt), p.AcceptedAt is null ? null : new Event(p.AcceptedAt.Value)),
            v.Contacts?.Select(Contact).ToList(),
            MediaShapes.IconUrl(p.Id, p.IconMediaId),
            shown ? p.Description ?? "" : "", shown ? p.Overview ?? "" : "", shown ? p.Headquarters ?? "" : "",
            shown ? p.Countries : [],
            shown ? p.Languages.ToDictionary(l => l, Roster.Accounts.IsoCodes.LanguageName) : new Dictionary<string, string>(),
            shown ? p.Websites.ToDictionary(w => w, w => new Uri(w).Host) : new Dictionary<string, string>(),
            NoStats, new PartnerPublic(shown && p.Public == true));
    }
}
