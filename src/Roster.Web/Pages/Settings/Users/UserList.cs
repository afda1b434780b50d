using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Data;
using Roster.Querying;
using Roster.Users;
using Roster.Web.Auth;
using Roster.Web.Pages.Shared;

namespace Roster.Web.Pages.Settings.Users;

/// <summary>One page of the Users list with everything its toolbar needs.</summary>
public sealed class UserListView
{
    public required UserListState State { get; init; }
    public required IReadOnlyList<MemberView> Rows { get; init; }
    public required long Total { get; init; }
    public required IReadOnlySet<string> Columns { get; init; }
    public required IReadOnlyList<GroupRef> Groups { get; init; }
    public required bool CanManage { get; init; }
    public required ViewerClock Clock { get; init; }

    /// <summary>Set by pages that show a dialog over the list: the list is then inert and hidden from assistive technology.</summary>
    public bool Background { get; set; }

    public bool Shows(string column) => Columns.Contains(column);
    /// <summary>"11-20 of 42"; nothing for an empty page, whose table already says why it is empty.</summary>
    public string? Range => Rows.Count == 0 ? null : $"{State.Offset + 1}-{State.Offset + Rows.Count} of {Total}";
    public string? PreviousHref => State.Page > 1 ? (State with { Page = State.Page - 1 }).Href() : null;
    public string? NextHref => State.Offset + Rows.Count < Total ? (State with { Page = State.Page + 1 }).Href() : null;
    public string? GroupName(string id) => Groups.FirstOrDefault(g => g.Id == id)?.Name;
}

/// <summary>Reads the Users list of the caller's active account, as every page of the Users section shows it behind its dialogs.</summary>
public static class UserList
{
    /// <summary>Null when the caller has no active account or is not a member of it.</summary>
    public static async Task<UserListView?> LoadAsync(HttpContext http, RosterDbContext db, MemberList list, MemberViews views, UserListState state)
    {
        var actor = http.Actor();
        var ct = http.RequestAborted;
        if (actor.AccountId is not { } accountId || !(await MemberAccess.RequireViewerAsync(db, actor, accountId, ct)).Succeeded) return null;
        var canManage = (await MemberAccess.RequireManagerAsync(db, actor, accountId, ct)).Succeeded;

        var page = await ReadAsync(list, accountId, state, ct);
        if (state.Offset >= page.Total && page.Total > 0)
        {
            // A page past the end (rows deleted, or a stale link) shows the last page instead of nothing.
            state = state with { Page = (int)((page.Total - 1) / state.Rows) + 1 };
            page = await ReadAsync(list, accountId, state, ct);
        }

        var groups = await db.Groups.AsNoTracking().Where(g => g.AccountId == accountId)
            .OrderBy(g => g.Name).Select(g => new GroupRef(g.Id, g.Name)).ToListAsync(ct);

        return new UserListView
        {
            State = state,
            Rows = await views.ForPageAsync(accountId, page.Rows, canManage, ct),
            Total = page.Total,
            Columns = await ColumnsAsync(db, actor, accountId, ct),
            Groups = groups,
            CanManage = canManage,
            Clock = await ViewerClock.ForAsync(http),
        };
    }

    /// <summary>The columns this user chose for this account's list.</summary>
    public static async Task<IReadOnlySet<string>> ColumnsAsync(RosterDbContext db, Roster.Common.Actor actor, string accountId, CancellationToken ct)
    {
        var preference = await db.ListPreferences.AsNoTracking()
            .Where(p => p.UserId == actor.Id && p.AccountId == accountId && p.List == UserColumns.PreferenceList)
            .Select(p => p.Value).SingleOrDefaultAsync(ct);
        return UserColumns.Parse(preference);
    }

    private static async Task<RqlPage<Membership>> ReadAsync(MemberList list, string accountId, UserListState state, CancellationToken ct)
    {
        var page = await list.ReadAsync(accountId, state.ToRql(), ct);
        // The state only ever builds valid queries; a failure here is a bug, not a user's mistake.
        return page.Succeeded ? page.Value : throw new InvalidOperationException($"The Users list built an invalid query: {page.Error.Message}");
    }

    public static string StatusText(MembershipStatus status) => status switch
    {
        MembershipStatus.Invited => "Invited",
        MembershipStatus.Active => "Active",
        _ => "Expired",
    };
}
