using Roster.Profile;
using Roster.Web.Auth;
using static Roster.Web.Api.Shapes;

namespace Roster.Web.Api;

/// <summary>/users/{id}/contacts: the user's own phone numbers (Connect's auth.UserContact). Anyone else's are "not found".</summary>
public static class UserContactEndpoints
{
    public sealed record PhoneBody(string? CountryCode, string? AreaCode, string? PhoneNumber);
    public sealed record ContactWriteBody(string? Type, PhoneBody? Value);
    public sealed record ContactUpdateBody(IReadOnlyList<Reference?>? Tags);
    public sealed record UserContactBody(string Id, string Type, PhoneBody Value, string Status, ContactEvents Events, IReadOnlyList<Reference> Tags);
    public sealed record ContactEvents(Event Created, Event Updated);

    public static void MapUserContactEndpoints(this IEndpointRouteBuilder api)
    {
        var contacts = api.MapGroup("/users/{userId}/contacts").WithTags("Profile").ProducesConnectErrors(401, 404);
        contacts.MapGet("", (string userId, HttpContext context, UserContactList list) =>
            Listing.RespondAsync(context, (query, ct) => list.ReadAsync(context.Actor(), userId, query, ct), c => Contact(c)))
            .Produces<UserContactBody[]>();
        contacts.MapPost("", AddAsync).Produces<UserContactBody>(StatusCodes.Status201Created).ProducesConnectErrors(400);
        contacts.MapGet("/{contactId}", async (string userId, string contactId, HttpContext context, UserContactList list) =>
            (await list.FindAsync(context.Actor(), userId, contactId, context.RequestAborted)).ToApi(Contact))
            .Produces<UserContactBody>();
        contacts.MapPut("/{contactId}", UpdateAsync).Produces<UserContactBody>().ProducesConnectErrors(400);
        contacts.MapDelete("/{contactId}", async (string userId, string contactId, HttpContext context, RemoveUserContact remove) =>
            (await remove.HandleAsync(userId, contactId, context.Actor(), context.RequestAborted)).ToApi())
            .Produces(StatusCodes.Status204NoContent);
    }

    private static async Task<IResult> AddAsync(string userId, HttpContext context, AddUserContact add)
    {
        // Someone else's id is "not found" whatever the body holds.
        var self = Self.Require(context.Actor(), userId);
        if (!self.Succeeded) return self.Error.ToApi();
        var body = await ConnectJson.ReadAsync<ContactWriteBody>(context.Request);
        if (!body.Succeeded) return body.Error.ToApi();
        var b = body.Value;
        var result = await add.HandleAsync(
            new AddUserContactRequest(userId, b.Type, b.Value?.CountryCode, b.Value?.AreaCode, b.Value?.PhoneNumber), context.Actor(), context.RequestAborted);
        return result.ToApi(Contact, StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync(string userId, string contactId, HttpContext context, UpdateUserContact update)
    {
        var self = Self.Require(context.Actor(), userId);
        if (!self.Succeeded) return self.Error.ToApi();
        var body = await ConnectJson.ReadAsync<ContactUpdateBody>(context.Request);
        if (!body.Succeeded) return body.Error.ToApi();
        var tags = body.Value.Tags?.Select(t => t?.Id).ToList();
        return (await update.HandleAsync(userId, contactId, tags, context.Actor(), context.RequestAborted)).ToApi(Contact);
    }

    private static UserContactBody Contact(UserContactView c)
    {
        var by = new Reference(c.UserId, c.UserName);
        return new UserContactBody(c.Id, c.Type, new PhoneBody(c.CountryCode, c.AreaCode, c.PhoneNumber), c.Status.ToString().ToLowerInvariant(),
            new ContactEvents(new Event(c.CreatedAt, by), new Event(c.UpdatedAt, by)), []);
    }
}
