using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Roster.Accounts;
using Roster.Common;
using Roster.Data;
using Roster.Querying;

namespace Roster.Users;

/// <summary>
/// The whole filtered, searched and ordered member list of an account, for CSV exports of the API and the portal,
/// to any member of the account. The query is checked before anything is written, then read a batch at a time by
/// the list's ordering key, so a large account never sits in memory and rows changed meanwhile are neither repeated
/// nor make others skipped. Paging in the query is ignored. Invitation links are never read.
/// </summary>
public sealed class ExportMembers(RosterDbContext db, MemberPages pages, MemberViews views, IOptions<ExportOptions> options)
{
    public async Task<Result<IAsyncEnumerable<MemberView>>> OpenAsync(Actor actor, string accountId, RqlQuery query, CancellationToken ct = default)
    {
        var access = await MemberAccess.ReadAsync(db, actor, accountId, ct);
        if (!access.Succeeded) return access.Error;
        var batchSize = Math.Max(1, options.Value.BatchSize);
        var rows = await pages.ReadAllAsync(accountId, query, batchSize, ct);
        if (!rows.Succeeded) return rows.Error;
        return Result<IAsyncEnumerable<MemberView>>.Ok(ReadAsync(accountId, rows.Value, batchSize, ct));
    }

    /// <summary>Completes the rows a batch at a time: one query for a batch's groups, never one per row.</summary>
    private async IAsyncEnumerable<MemberView> ReadAsync(
        string accountId, IAsyncEnumerable<Membership> rows, int batchSize, [EnumeratorCancellation] CancellationToken ct)
    {
        var batch = new List<Membership>(batchSize);
        await foreach (var row in rows.WithCancellation(ct))
        {
            batch.Add(row);
            if (batch.Count < batchSize) continue;
            foreach (var view in await views.ForPageAsync(accountId, batch, withLinks: false, ct)) yield return view;
            batch.Clear();
        }
        if (batch.Count == 0) yield break;
        foreach (var view in await views.ForPageAsync(accountId, batch, withLinks: false, ct)) yield return view;
    }
}
