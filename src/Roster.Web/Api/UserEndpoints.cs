using Roster.Common;
using Roster.Invitations;
using Roster.Querying;
using Roster.Users;
using Roster.Web.Auth;
using Roster.Web.Downloads;
using static Roster.Web.Api.MemberShapes;
using static Roster.Web.Api.Shapes;

namespace Roster.Web.Api;

/// <summary>/accounts/{a}/users: an account's members and invitations; /users: everyone the caller can see.</summary>
public static class UserEndpoints
{
    public sealed record MemberWriteBody(string? Id, string? Name, string? Email, IReadOnlyList<Reference>? Groups);

    public static void MapUserEndpoints(this IEndpointRouteBuilder api)
    {
        var users = api.MapGroup("/accounts/{accountId}/users").WithTags("Account users").ProducesConnectErrors(401, 403, 404);
        // With Accept: text/csv the same list answers as CSV (MemberCsv); one 200 entry, as OpenAPI keeps one per status.
        users.MapGet("", ListAsync).Produces<MemberBody[]>(StatusCodes.Status200OK, ConnectJson.ContentType, "text/csv");
        users.MapPost("", InviteAsync).Idempotent().Produces<MemberBody>(StatusCodes.Status201Created);
        users.MapGet("/{userId}", GetAsync).Produces<MemberBody>();
        users.MapPut("/{userId}", UpdateAsync).Produces<MemberBody>();
        users.MapDelete("/{userId}", async (string accountId, string userId, HttpContext context, RemoveMember remove) =>
            (await remove.HandleAsync(accountId, userId, context.Actor(), context.RequestAborted)).ToApi());
        users.MapPost("/{userId}/reinvite", async (string accountId, string userId, HttpContext context, ReinviteMember reinvite) =>
            (await reinvite.HandleAsync(accountId, userId, context.Actor(), context.RequestAborted)).ToApi(change => Member(change.Member)))
            .Produces<MemberBody>();
        // Connect's activate: an expired invitation pending again; an invited or active member answers unchanged.
        users.MapPost("/{userId}/activate", async (string accountId, string userId, HttpContext context, ActivateMember activate) =>
            (await activate.HandleAsync(accountId, userId, context.Actor(), context.RequestAborted)).ToApi(change => Member(change.Member)))
            .Produces<MemberBody>();
        users.MapPost("/{userId}/revoke", async (string accountId, string userId, HttpContext context, RevokeInvitation revoke) =>
            (await revoke.HandleAsync(accountId, userId, context.Actor(), context.RequestAborted)).ToApi(Member))
            .Produces<MemberBody>();

        api.MapGet("/users", ListVisibleUsersAsync).WithTags("Users").Produces<UserBody[]>().ProducesConnectErrors(401);
        // Connect's open sign-up, off unless SignUp:Enabled: while off it is answered as an operation that does not
        // exist here, in Connect's error body rather than a bare 405.
        api.MapPost("/users", SignUpAsync).AllowAnonymous().RequireAddressLimit().WithTags("Users")
            .Produces<SignUpBody>(StatusCodes.Status201Created).ProducesConnectErrors(404, 429);
    }

    public sealed record SignUpBody(
        string? Email, string? Name, string? Title, string? Icon, string? Region, string? Timezone, string? Timeformat, bool? Announcements);

    /// <summary>
    /// Answers the user as sign-up makes it (name, email, time zone, announcements; the rest is the profile's
    /// default until the person changes it), the same whether the email was new or already had a user, so the answer
    /// tells nobody who is registered; the mail to the address says which it was.
    /// </summary>
    private static async Task<IResult> SignUpAsync(HttpContext context, SignUp signUp)
    {
        var body = await ConnectJson.ReadAsync<SignUpBody>(context.Request);
        if (!body.Succeeded) return body.Error.ToApi();
        var asked = body.Value;
        var result = await signUp.HandleAsync(new SignUpRequest(
            asked.Email, asked.Name, asked.Timezone, asked.Announcements, context.Connection.RemoteIpAddress?.ToString(),
            context.Request.Headers.UserAgent), context.RequestAborted);
        if (!result.Succeeded) return result.Error.ToApi();
        var defaults = new User();
        return ConnectJson.Created(new SignUpBody(asked.Email!.Trim(), asked.Name!.Trim(), Title: null, Icon: null, defaults.Locale,
            asked.Timezone ?? defaults.TimeZone, defaults.TimeFormat, asked.Announcements ?? defaults.Announcements));
    }

    private static async Task<IResult> ListAsync(string accountId, HttpContext context, MemberList list)
    {
        if (CsvDownload.Requested(context.Request)) return await ExportAsync(accountId, context);
        return await Listing.RespondAsync(context, (query, ct) => list.ReadAsync(context.Actor(), accountId, query, ct),
            page => Task.FromResult(page.Select(v => (object)Member(v))));
    }

    /// <summary>The same list as CSV: every page of it, in its order, without invitation links.</summary>
    private static async Task<IResult> ExportAsync(string accountId, HttpContext context)
    {
        var parsed = Rql.Parse(CsvDownload.QueryWithoutFormat(context.Request));
        if (!parsed.Succeeded) return parsed.Error.ToApi();
        var export = context.RequestServices.GetRequiredService<ExportMembers>();
        var rows = await export.OpenAsync(context.Actor(), accountId, parsed.Value, context.RequestAborted);
        if (!rows.Succeeded) return rows.Error.ToApi();
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        return MemberCsv.Download(accountId, parsed.Value.Select, rows.Value, now);
    }

    private static async Task<IResult> GetAsync(string accountId, string userId, HttpContext context, MemberDetails details) =>
        (await details.ReadAsync(context.Actor(), accountId, userId, context.RequestAborted)).ToApi(Member);

    private static async Task<IResult> InviteAsync(string accountId, HttpContext context, InviteMember invite)
    {
        var body = await ConnectJson.ReadAsync<MemberWriteBody>(context.Request);
        if (!body.Succeeded) return body.Error.ToApi();
        var b = body.Value;
        var result = await invite.HandleAsync(new InviteMemberRequest(
            accountId, b.Id, b.Name, b.Email, b.Groups?.Select(g => g.Id).ToList()), context.Actor(), context.RequestAborted);
        return result.ToApi(change => Member(change.Member), StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync(string accountId, string userId, HttpContext context, UpdateMember update)
    {
        var body = await ConnectJson.ReadAsync<MemberWriteBody>(context.Request);
        if (!body.Succeeded) return body.Error.ToApi();
        var b = body.Value;
        var result = await update.HandleAsync(new UpdateMemberRequest(
            accountId, userId, b.Groups?.Select(g => g.Id).ToList(), b.Name, b.Email), context.Actor(), context.RequestAborted);
        // Changes answer with the view their use case read in its transaction: the groups and the invitation link.
        return result.ToApi(change => Member(change.Member));
    }

    public sealed record UserBody(string Id, string Name, string Email, UserEvents Events, SignInShapes.IdpBody? Idp, SignInShapes.DomainUserBody? Domain);
    public sealed record UserEvents(Event Created, Event? Signed);

    private static Task<IResult> ListVisibleUsersAsync(HttpContext context, VisibleUsers visible) =>
        Listing.RespondAsync(context, (query, ct) => visible.ReadAsync(context.Actor(), query, ct), page => Task.FromResult(page.Select(u => (object)new UserBody(
            u.Id, u.Name, u.Email, new UserEvents(new Event(u.CreatedAt), u.LastSignedInAt is null ? null : new Event(u.LastSignedInAt.Value)),
            SignInShapes.Idp(u.Route), SignInShapes.Domain(u.Route)))));
}
