using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Roster.Audit;
using Roster.Common;
using Roster.Querying;
using Roster.Web.Auth;
using Roster.Web.Downloads;
using Roster.Web.Pages.Shared;

namespace Roster.Web.Pages.Settings.Audit;

/// <summary>The account's audit trail, for holders of the Audit module: filters, sort, paging and a CSV of the same view.</summary>
public sealed class IndexModel(AuditTrail trail, TimeProvider time) : PageModel
{
    public AuditTrailState State { get; private set; } = AuditTrailState.Default;
    public IReadOnlyList<AuditEntryView> Rows { get; private set; } = [];
    public long Total { get; private set; }
    public IReadOnlyList<AuditActor> Actors { get; private set; } = [];
    public ViewerClock Clock { get; private set; } = ViewerClock.Utc;
    public string? AccountId { get; private set; }
    private IReadOnlyDictionary<string, string> Names { get; set; } = new Dictionary<string, string>();

    /// <summary>Why the dates in the filter cannot be used; the page then lists nothing rather than ignore them.</summary>
    public string? DateProblem { get; private set; }

    /// <summary>"11-20 of 45"; nothing when no entry is listed, where the table already says so.</summary>
    public string? Range => Rows.Count == 0 ? null : $"{State.Offset + 1}-{State.Offset + Rows.Count} of {Total}";
    public string? PreviousHref => State.Page > 1 ? (State with { Page = State.Page - 1 }).Href() : null;
    public string? NextHref => State.Offset + Rows.Count < Total ? (State with { Page = State.Page + 1 }).Href() : null;

    public async Task OnGetAsync()
    {
        var actor = HttpContext.Actor();
        var ct = HttpContext.RequestAborted;
        var actors = actor.AccountId is { } accountId ? await trail.ActorsAsync(actor, accountId, ct) : Error.NotFound("account");
        if (!actors.Succeeded || actor.AccountId is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        AccountId = actor.AccountId;
        Actors = actors.Value;
        Clock = await ViewerClock.ForAsync(HttpContext);
        State = AuditTrailState.Read(Request.Query);
        DateProblem = State.DateProblem(Today(Clock));
        if (DateProblem is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var page = await ReadAsync(AccountId, State);
        // A page past the end shows the last one instead.
        if (State.Offset >= page.Total && page.Total > 0)
        {
            State = State with { Page = (int)((page.Total - 1) / State.Rows) + 1 };
            page = await ReadAsync(AccountId, State);
        }
        (Rows, Total) = page;
        Names = await trail.NamesAsync(actor, AccountId, Rows, ct);
    }

    /// <summary>
    /// Export CSV: every entry the filters select, in the page's order. The file is the API's: times in ISO 8601 UTC
    /// and changes as stored, so a spreadsheet sorts it and a program reads it whoever exported it.
    /// </summary>
    public async Task<IActionResult> OnGetExportAsync()
    {
        var actor = HttpContext.Actor();
        var ct = HttpContext.RequestAborted;
        if (actor.AccountId is not { } accountId) return NotFound();
        var viewer = await ViewerClock.ForAsync(HttpContext);
        var state = AuditTrailState.Read(Request.Query);
        var rows = await trail.ExportAsync(actor, accountId, Query(state, viewer, ""), ct);
        if (!rows.Succeeded) return NotFound();
        if (state.DateProblem(Today(viewer)) is { } problem) return BadRequest(problem);

        var download = AuditCsv.Download(accountId, time.GetUtcNow(), rows.Value);
        await download.ExecuteAsync(HttpContext);
        return new EmptyResult();
    }

    private async Task<RqlPage<AuditEntryView>> ReadAsync(string accountId, AuditTrailState state)
    {
        var paging = FormattableString.Invariant($"&limit={state.Rows}&offset={state.Offset}");
        var page = await trail.ReadAsync(HttpContext.Actor(), accountId, Query(state, Clock, paging), HttpContext.RequestAborted);
        // Access was checked above and the state only builds valid queries: a failure here is a bug.
        return page.Succeeded ? page.Value : throw new InvalidOperationException(page.Error.Message);
    }

    private static RqlQuery Query(AuditTrailState state, ViewerClock viewer, string paging)
    {
        // The state only ever builds valid queries; a failure here is a bug, not a user's mistake.
        var query = Rql.Parse(state.ApiQuery(viewer.Zone) + paging);
        return query.Succeeded ? query.Value : throw new InvalidOperationException(query.Error.Message);
    }

    private DateOnly Today(ViewerClock viewer) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), viewer.Zone).DateTime);

    /// <summary>The changes column: the entry's changes as text, with names for the ids this account knows.</summary>
    public string Changes(AuditEntryView entry) => AuditChangeText.Of(entry.Changes, Names);
}
