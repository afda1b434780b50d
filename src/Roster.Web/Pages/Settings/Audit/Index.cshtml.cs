using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Roster.Audit;
using Roster.Data;
using Roster.Querying;
using Roster.Web.Auth;
using Roster.Web.Pages.Shared;

namespace Roster.Web.Pages.Settings.Audit;

/// <summary>The account's audit trail, for holders of the Audit module: filters, sort, paging and a CSV of the same view.</summary>
public sealed class IndexModel(RosterDbContext db) : PageModel
{
    public sealed record ActorChoice(string Id, string Name);

    public AuditTrailState State { get; private set; } = AuditTrailState.Default;
    public IReadOnlyList<AuditEntry> Rows { get; private set; } = [];
    public long Total { get; private set; }
    public IReadOnlyList<ActorChoice> Actors { get; private set; } = [];
    public ViewerClock Clock { get; private set; } = ViewerClock.Utc;
    public string? AccountId { get; private set; }

    public string Range => Rows.Count == 0 ? $"0-0 of {Total}" : $"{State.Offset + 1}-{State.Offset + Rows.Count} of {Total}";
    public string? PreviousHref => State.Page > 1 ? (State with { Page = State.Page - 1 }).Href() : null;
    public string? NextHref => State.Offset + Rows.Count < Total ? (State with { Page = State.Page + 1 }).Href() : null;
    public string ExportHref => State.ExportHref(AccountId!, Clock.Zone);

    public async Task OnGetAsync()
    {
        var actor = HttpContext.Actor();
        var ct = HttpContext.RequestAborted;
        if (actor.AccountId is not { } accountId || !(await AuditListing.RequireReaderAsync(db, actor, accountId, ct)).Succeeded)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        AccountId = accountId;
        Clock = await ViewerClock.ForAsync(db, actor, ct);
        State = AuditTrailState.Read(Request.Query);

        var query = Rql.Parse(State.ApiQuery(Clock.Zone)).Value! with { Limit = State.Rows, Offset = State.Offset };
        var filtered = AuditListing.Resource.Apply(AuditListing.Rows(db, accountId).AsNoTracking(), query, RqlDialect.For(db.Provider)).Value!;
        Total = await filtered.LongCountAsync(ct);
        if (State.Offset >= Total && Total > 0)
        {
            State = State with { Page = (int)((Total - 1) / State.Rows) + 1 };
            query = query with { Offset = State.Offset };
        }
        Rows = await RqlPaging.Page(filtered, query).ToListAsync(ct);
        Actors = await db.Memberships.AsNoTracking().Where(m => m.AccountId == accountId)
            .OrderBy(m => m.Name).Select(m => new ActorChoice(m.UserId, m.Name == "" ? m.Email : m.Name)).ToListAsync(ct);
    }

    /// <summary>A short line for the changes column: "name: Old → New; module: MD-0001".</summary>
    public static string Summary(string? changes)
    {
        if (changes is null) return "";
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(changes);
            var root = json.RootElement;
            if (root.ValueKind != System.Text.Json.JsonValueKind.Object) return AuditChanges.Readable(root);
            if (root.TryGetProperty("before", out var before) && root.TryGetProperty("after", out var after)
                && before.ValueKind == after.ValueKind && after.ValueKind == System.Text.Json.JsonValueKind.Object)
                return string.Join("; ", after.EnumerateObject()
                    .Where(p => !before.TryGetProperty(p.Name, out var old) || old.GetRawText() != p.Value.GetRawText())
                    .Select(p => $"{p.Name.Replace('_', ' ')}: {(before.TryGetProperty(p.Name, out var old) ? Value(old) : "none")} → {Value(p.Value)}"));
            return string.Join("; ", json.RootElement.EnumerateObject().Select(p => $"{p.Name.Replace('_', ' ')}: {Value(p.Value)}"));
        }
        catch (System.Text.Json.JsonException)
        {
            return changes;
        }
    }

    private static string Value(System.Text.Json.JsonElement value) => value.ValueKind switch
    {
        System.Text.Json.JsonValueKind.Object when value.TryGetProperty("before", out var before) && value.TryGetProperty("after", out var after) =>
            $"{Value(before)} → {Value(after)}",
        System.Text.Json.JsonValueKind.String => value.GetString() ?? "",
        System.Text.Json.JsonValueKind.Null => "none",
        _ => AuditChanges.Readable(value),
    };
}
