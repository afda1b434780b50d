using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Querying;

namespace Roster.Users;

/// <summary>
/// The portal's Users list and what its toolbar needs, read once per request: the page (the last one when the asked
/// page lies past the end), the account's groups and identity providers for the filter, the viewer's remembered
/// columns and whether they manage users. <see cref="Offset"/> is where the shown page starts.
/// </summary>
public sealed record MemberOverviewView(
    RqlPage<MemberView> Page, int Offset, IReadOnlyList<GroupRef> Groups, IReadOnlyList<Sso.ProviderRef> Providers,
    string? ColumnPreference, bool CanManage);

/// <summary>Reads the Users list of an account for any of its members; anyone else is told the account does not exist.</summary>
public sealed class MemberOverview(RosterDbContext db, MemberList list)
{
    public async Task<Result<MemberOverviewView>> ReadAsync(Actor actor, string accountId, RqlQuery query, string preferenceList, CancellationToken ct = default)
    {
        // One connection for the page's statements, as MemberList does.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return await ReadOpenAsync(actor, accountId, query, preferenceList, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<Result<MemberOverviewView>> ReadOpenAsync(Actor actor, string accountId, RqlQuery query, string preferenceList, CancellationToken ct)
    {
        var access = await MemberAccess.ReadAsync(db, actor, accountId, ct);
        if (!access.Succeeded) return access.Error;
        var page = await list.ReadPageAsync(accountId, query, access.Value, ct);
        if (!page.Succeeded) return page.Error;
        var offset = query.Offset;
        if (offset >= page.Value.Total && page.Value.Total > 0 && query.Limit > 0)
        {
            // A page past the end (rows deleted, or a stale link) shows the last page instead of nothing.
            offset = (int)((page.Value.Total - 1) / query.Limit * query.Limit);
            page = await list.ReadPageAsync(accountId, query with { Offset = offset }, access.Value, ct);
            if (!page.Succeeded) return page.Error;
        }

        var groups = await db.Groups.AsNoTracking().Where(g => g.AccountId == accountId)
            .OrderBy(g => g.Name).Select(g => new GroupRef(g.Id, g.Name)).ToListAsync(ct);
        var providers = await db.IdentityProviders.AsNoTracking().Where(p => p.AccountId == accountId)
            .OrderBy(p => p.Name).Select(p => new Sso.ProviderRef(p.Id, p.Name, p.Type)).ToListAsync(ct);
        return new MemberOverviewView(page.Value, offset, groups, providers, await PreferenceAsync(actor, accountId, preferenceList, ct), access.Value);
    }

    /// <summary>The viewer's remembered choice for the list (such as its columns), for the export of a member.</summary>
    public async Task<Result<string?>> ReadPreferenceAsync(Actor actor, string accountId, string preferenceList, CancellationToken ct = default)
    {
        var access = await MemberAccess.ReadAsync(db, actor, accountId, ct);
        if (!access.Succeeded) return access.Error;
        return Result<string?>.Ok(await PreferenceAsync(actor, accountId, preferenceList, ct));
    }

    /// <summary>Whether the actor may read the list and whether they manage users, without reading the list.</summary>
    public Task<Result<bool>> CanManageAsync(Actor actor, string accountId, CancellationToken ct = default) =>
        MemberAccess.ReadAsync(db, actor, accountId, ct);

    private Task<string?> PreferenceAsync(Actor actor, string accountId, string preferenceList, CancellationToken ct) =>
        db.ListPreferences.AsNoTracking()
            .Where(p => p.UserId == actor.Id && p.AccountId == accountId && p.List == preferenceList)
            .Select(p => p.Value).SingleOrDefaultAsync(ct);
}
