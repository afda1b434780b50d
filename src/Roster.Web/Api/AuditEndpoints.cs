using System.Text.Json.Nodes;
using Roster.Audit;
using Roster.Querying;
using Roster.Web.Auth;
using Roster.Web.Downloads;

namespace Roster.Web.Api;

/// <summary>
/// /accounts/{a}/audit: the account's audit trail as a list, or with <c>Accept: text/csv</c> as a CSV export.
/// /users/{id}/audit: a person's own history, which only they read.
/// </summary>
public static class AuditEndpoints
{
    public sealed record AuditEntryBody(
        long Id, DateTimeOffset At, AccountRef Account, ActorBody Actor, ActionBody Action, ObjectBody Object,
        JsonNode? Changes, string? Ip, string? UserAgent);
    public sealed record AccountRef(string? Id);
    public sealed record ActorBody(string Type, string Id, string Name);
    public sealed record ActionBody(int Id, string Name);
    public sealed record ObjectBody(string Type, string Id, string? Name);

    public static void MapAuditEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/accounts/{accountId}/audit", ListAsync).WithTags("Audit").ProducesConnectErrors(400, 401, 404)
            .Produces<AuditEntryBody[]>().Produces<string>(StatusCodes.Status200OK, "text/csv");
        api.MapGet("/users/{userId}/audit", ListPersonalAsync).WithTags("Audit").ProducesConnectErrors(400, 401, 404)
            .Produces<AuditEntryBody[]>();
    }

    private static Task<IResult> ListPersonalAsync(string userId, HttpContext context, AuditTrail trail) =>
        Listing.RespondAsync(context, (query, ct) => trail.PersonalAsync(context.Actor(), userId, query, ct), ShapePage);

    private static AuditEntryBody Shape(AuditEntryView e) => new(
        e.Id, e.At, new AccountRef(e.AccountId), new ActorBody(e.ActorType, e.ActorId, e.ActorName),
        new ActionBody(e.ActionId, e.ActionName), new ObjectBody(e.ObjectType, e.ObjectId, e.ObjectName),
        e.Changes is null ? null : JsonNode.Parse(e.Changes), e.Ip, e.UserAgent);

    private static Task<IEnumerable<object>> ShapePage(IReadOnlyList<AuditEntryView> page) => Task.FromResult(page.Select(e => (object)Shape(e)));

    private static async Task<IResult> ListAsync(string accountId, HttpContext context, AuditTrail trail, TimeProvider clock)
    {
        if (!CsvDownload.Requested(context.Request))
            return await Listing.RespondAsync(context, (query, ct) => trail.ReadAsync(context.Actor(), accountId, query, ct), ShapePage);

        // The whole filtered, ordered view: paging in the query is ignored.
        var parsed = Rql.Parse(CsvDownload.QueryWithoutFormat(context.Request));
        if (!parsed.Succeeded) return parsed.Error.ToApi();
        var rows = await trail.ExportAsync(context.Actor(), accountId, parsed.Value, context.RequestAborted);
        if (!rows.Succeeded) return rows.Error.ToApi();
        return AuditCsv.Download(accountId, clock.GetUtcNow(), rows.Value);
    }
}
