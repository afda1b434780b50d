using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Roster.Accounts;
using Roster.Common;
using Roster.Querying;

namespace Roster.Users;

/// <summary>
/// The whole filtered, searched and ordered member list of an account, for CSV exports of the API and the portal:
/// the query is checked before anything is written, then read in batches so a large account never sits in memory.
/// Paging in the query is ignored. Invitation links are never read.
/// </summary>
public sealed class ExportMembers(MemberList list, MemberViews views, IOptions<ExportOptions> options)
{
    public async Task<Result<IAsyncEnumerable<MemberView>>> OpenAsync(string accountId, RqlQuery query, CancellationToken ct = default)
    {
        var ordered = await list.QueryAsync(accountId, query, ct);
        if (!ordered.Succeeded) return ordered.Error;
        return Result<IAsyncEnumerable<MemberView>>.Ok(ReadAsync(accountId, ordered.Value, ct));
    }

    private async IAsyncEnumerable<MemberView> ReadAsync(
        string accountId, IQueryable<Membership> ordered, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var batch in ordered.InBatchesAsync(options.Value.BatchSize, ct))
            foreach (var view in await views.ForPageAsync(accountId, batch, withLinks: false, ct))
                yield return view;
    }
}
