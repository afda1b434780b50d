using Roster.Accounts;
using Roster.Common;
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
    public required IReadOnlyList<Roster.Sso.ProviderRef> Providers { get; init; }
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
    public static async Task<UserListView?> LoadAsync(HttpContext http, MemberOverview overview, UserListState state)
    {
        var actor = http.Actor();
        if (actor.AccountId is not { } accountId) return null;
        var read = await overview.ReadAsync(actor, accountId, state.ToRql(), UserColumns.PreferenceList, http.RequestAborted);
        if (!read.Succeeded)
            // The state only ever builds valid queries; any other refusal is a bug, not a user's mistake.
            return read.Error.Kind == ErrorKind.NotFound ? null : throw new InvalidOperationException($"The Users list built an invalid query: {read.Error.Message}");
        var list = read.Value;
        return new UserListView
        {
            State = list.Offset == state.Offset ? state : state with { Page = list.Offset / state.Rows + 1 },
            Rows = list.Page.Rows,
            Total = list.Page.Total,
            Columns = UserColumns.Parse(list.ColumnPreference),
            Groups = list.Groups,
            Providers = list.Providers,
            CanManage = list.CanManage,
            Clock = await ViewerClock.ForAsync(http),
        };
    }

    /// <summary>A revoked invitation is expired to the API, as in Connect; people read what happened to it.</summary>
    public static string StatusText(MembershipStatus status, bool revoked = false) => status switch
    {
        MembershipStatus.Invited => "Invited",
        MembershipStatus.Active => "Active",
        _ => revoked ? "Revoked" : "Expired",
    };
}
