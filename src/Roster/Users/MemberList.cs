using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Querying;

namespace Roster.Users;

/// <summary>
/// An account's members as both faces list them: any member of the account may read the list, and only those who
/// manage users see invitation links. Anyone else is told the account does not exist.
/// </summary>
public sealed class MemberList(RosterDbContext db, MemberPages pages, MemberViews views)
{
    public async Task<Result<RqlPage<MemberView>>> ReadAsync(Actor actor, string accountId, RqlQuery query, CancellationToken ct = default)
    {
        // One connection for the page's few statements: each reopening from the pool costs a reset on PostgreSQL.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var access = await MemberAccess.ReadAsync(db, actor, accountId, ct);
            if (!access.Succeeded) return access.Error;
            return await ReadPageAsync(accountId, query, access.Value, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>A page already allowed: the rows, their groups and, for managers, their links.</summary>
    internal async Task<Result<RqlPage<MemberView>>> ReadPageAsync(string accountId, RqlQuery query, bool withLinks, CancellationToken ct)
    {
        var page = await pages.ReadAsync(accountId, query, ct);
        if (!page.Succeeded) return page.Error;
        return new RqlPage<MemberView>(await views.ForPageAsync(accountId, page.Value.Rows, withLinks, ct), page.Value.Total);
    }
}
