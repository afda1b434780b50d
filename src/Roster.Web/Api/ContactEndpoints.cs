using Roster.Contacts;
using Roster.Querying;
using Roster.Web.Auth;
using static Roster.Web.Api.Shapes;

namespace Roster.Web.Api;

/// <summary>/accounts/{a}/contacts: the members an account shows its active partners as technical and business contacts.</summary>
public static class ContactEndpoints
{
    public sealed record ContactsWriteBody(IReadOnlyList<Reference?>? Technical, IReadOnlyList<Reference?>? Business);
    public sealed record TagBody(string Id, string Name);
    public sealed record ContactBody(string Id, string Name, string Email, string Icon, IReadOnlyList<TagBody> Tags);

    /// <summary>
    /// Connect requires a contact's <c>icon</c>; Roster keeps no pictures of people, so every contact shows the same
    /// static image, relative as the accounts' icons are.
    /// </summary>
    public const string DefaultIcon = "/user-icon.svg";

    public static void MapContactEndpoints(this IEndpointRouteBuilder api)
    {
        var contacts = api.MapGroup("/accounts/{accountId}/contacts").WithTags("Account contacts").ProducesConnectErrors(401, 403, 404);
        contacts.MapGet("", ListAsync).Produces<ContactBody[]>();
        contacts.MapPut("", ReplaceAsync).Produces<ContactBody[]>();
    }

    private static async Task<IResult> ListAsync(string accountId, HttpContext context, ContactList contacts)
    {
        var read = await contacts.ReadAsync(context.Actor(), accountId, context.RequestAborted);
        return read.Succeeded ? Respond(context, read.Value) : read.Error.ToApi();
    }

    private static async Task<IResult> ReplaceAsync(string accountId, HttpContext context, ChangeContacts change)
    {
        var body = await ConnectJson.ReadAsync<ContactsWriteBody>(context.Request);
        if (!body.Succeeded) return body.Error.ToApi();
        var b = body.Value;
        // A PUT replaces both lists; a missing one would silently clear or keep a list the client did not mean to touch.
        if (b.Technical is null || b.Business is null) return ContactErrors.ListsRequired.ToApi();
        var result = await change.HandleAsync(new ChangeContactsRequest(
            accountId, [.. b.Technical.Select(r => r?.Id)], [.. b.Business.Select(r => r?.Id)]), context.Actor(), context.RequestAborted);
        return result.Succeeded ? Respond(context, result.Value) : result.Error.ToApi();
    }

    private static IResult Respond(HttpContext context, IReadOnlyList<ContactView> contacts)
    {
        context.Response.Headers["Content-Range"] = RqlPaging.ContentRange(0, contacts.Count, contacts.Count);
        return ConnectJson.Ok(contacts.Select(Contact).ToList());
    }

    /// <summary>Connect's dp.PartnerContact: also the shape of a partner's contacts.</summary>
    public static ContactBody Contact(ContactView c) =>
        new(c.UserId, c.Name, c.Email, DefaultIcon, [.. c.Kinds.Select(k => new TagBody(ContactTags.IdOf(k), ContactTags.NameOf(k)))]);
}
