using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Profile;
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

    private static Task<IResult> ListPersonalAsync(string userId, HttpContext context, RosterDbContext db)
    {
        var self = Self.Require(context.Actor(), userId);
        if (!self.Succeeded) return Task.FromResult(self.Error.ToApi());
        return Listing.RespondAsync(context, db, AuditListing.PersonalRows(db, userId).AsNoTracking(), AuditListing.Resource, e => Shape(e));
    }

    public static AuditEntryBody Shape(AuditEntry e) => new(
        e.Id, e.At, new AccountRef(e.AccountId), new ActorBody(e.ActorType, e.ActorId, e.ActorName),
        new ActionBody((int)e.Action, AuditListing.Name(e.Action)), new ObjectBody(e.ObjectType, e.ObjectId, e.ObjectName),
        e.Changes is null ? null : JsonNode.Parse(e.Changes), e.Ip, e.UserAgent);

    private static async Task<IResult> ListAsync(
        string accountId, HttpContext context, RosterDbContext db, TimeProvider clock, IOptions<ExportOptions> exports)
    {
        var allowed = await AuditListing.RequireReaderAsync(db, context.Actor(), accountId, context.RequestAborted);
        if (!allowed.Succeeded) return allowed.Error.ToApi();
        var rows = AuditListing.Rows(db, accountId).AsNoTracking();
        if (!CsvDownload.Requested(context.Request)) return await Listing.RespondAsync(context, db, rows, AuditListing.Resource, e => Shape(e));

        // The whole filtered, ordered view: paging in the query is ignored.
        var parsed = Rql.Parse(CsvDownload.QueryWithoutFormat(context.Request));
        if (!parsed.Succeeded) return parsed.Error.ToApi();
        var filtered = AuditListing.Resource.Apply(rows, parsed.Value, RqlDialect.For(db.Provider));
        if (!filtered.Succeeded) return filtered.Error.ToApi();
        return AuditCsv.Download(accountId, clock.GetUtcNow(),
            filtered.Value.RowsInBatchesAsync(exports.Value.BatchSize, context.RequestAborted), "at", AuditCsv.Utc);
    }
}
