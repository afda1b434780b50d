using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roster.Accounts;
using Roster.Common;
using Roster.Querying;

namespace Roster.Users;

public sealed class ExportOptions
{
    public const string Section = "Exports";

    /// <summary>Rows read per query while exporting; one batch at a time is held in memory.</summary>
    public int BatchSize { get; set; } = 1000;
}

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
        if (!ordered.Succeeded) return ordered.Error!;
        return Result<IAsyncEnumerable<MemberView>>.Ok(ReadAsync(accountId, ordered.Value!, ct));
    }

    private async IAsyncEnumerable<MemberView> ReadAsync(
        string accountId, IQueryable<Membership> ordered, [EnumeratorCancellation] CancellationToken ct)
    {
        var size = Math.Max(1, options.Value.BatchSize);
        // The ordering always ends with the member's id, so offsets walk the list without gaps or repeats.
        for (var offset = 0; ; offset += size)
        {
            var batch = await ordered.Skip(offset).Take(size).ToListAsync(ct);
            foreach (var view in await views.ForPageAsync(accountId, batch, withLinks: false, requestBaseUrl: null, ct))
                yield return view;
            if (batch.Count < size) yield break;
        }
    }
}
