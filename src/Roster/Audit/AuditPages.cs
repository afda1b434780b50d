using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Querying;

namespace Roster.Audit;

/// <summary>
/// Reads an account's trail, a page and its total or whole for an export, in a way that stays fast at ten million
/// entries. The total of the whole trail, or of a filter on actions alone, comes from the triggers' counters
/// (<see cref="AuditCount"/>) instead of counting the account's rows. On SQLite a search first asks the trigram
/// index which entries contain the term; the search's own per-field test still decides, so the answer is the
/// scan's. PostgreSQL answers the search's ILIKEs from its trigram index directly, and finds a search's few matches
/// before it orders them (<see cref="FoundFirstAsync"/>). It reads rows only:
/// <see cref="AuditTrail"/> checks who may read them.
/// </summary>
internal sealed class AuditPages(RosterDbContext db)
{
    private static readonly string[] ActionFields = ["action", "action.id", "action.name"];

    private RqlDialect Dialect => RqlDialect.For(db.Provider);

    public async Task<Result<RqlPage<AuditEntry>>> ReadAsync(string accountId, RqlQuery query, CancellationToken ct)
    {
        var entries = Entries(accountId);
        var checkedQuery = AuditListing.Resource.Apply(entries, query, Dialect);
        if (!checkedQuery.Succeeded) return checkedQuery.Error;
        // The same query over a narrower source cannot fail where the whole one did not.
        var (source, known) = await NarrowedAsync(entries, query, ct);
        var narrowed = AuditListing.Resource.Apply(source, query, Dialect);
        if (!narrowed.Succeeded) throw new InvalidOperationException(narrowed.Error.Message);
        var filtered = narrowed.Value;
        var total = known ?? await CountedAsync(accountId, query, ct) ?? await filtered.LongCountAsync(ct);
        if (query.Limit == 0 || query.Offset >= total) return new RqlPage<AuditEntry>([], total);
        if (query.Search is not null && db.Provider == DatabaseProvider.Postgres && total <= SmallSet)
            filtered = await FoundFirstAsync(entries, filtered, query, ct);
        return new RqlPage<AuditEntry>(await RqlPaging.Page(filtered, query).ToListAsync(ct), total);
    }

    /// <summary>Up to this many matches of a search, finding them first beats walking the trail in its order.</summary>
    private const int SmallSet = 5000;

    /// <summary>
    /// A search with few matches, on PostgreSQL: its entries are found first, from the trigram index as the total was,
    /// and only then ordered and paged. Asked for the page directly, the planner walks the whole trail in its order,
    /// testing each entry, in the hope of ten matches soon (3 s at a million entries); for many matches that walk is
    /// the right plan, and it is left to it.
    /// </summary>
    private async Task<IQueryable<AuditEntry>> FoundFirstAsync(
        IQueryable<AuditEntry> entries, IQueryable<AuditEntry> filtered, RqlQuery query, CancellationToken ct)
    {
        var ids = await filtered.Select(e => e.Id).ToListAsync(ct);
        var found = AuditListing.Resource.Apply(entries.Where(e => ids.Contains(e.Id)), query, Dialect);
        if (!found.Succeeded) throw new InvalidOperationException(found.Error.Message);
        return found.Value;
    }

    public Result<IAsyncEnumerable<AuditEntry>> ReadAll(string accountId, RqlQuery query, int batchSize) =>
        AuditListing.Resource.ReadAllAsync(Narrowed(Entries(accountId), query), query, Dialect, batchSize);

    private IQueryable<AuditEntry> Entries(string accountId) => db.AuditEntries.AsNoTracking().Where(e => e.AccountId == accountId);

    private IQueryable<AuditEntry> Narrowed(IQueryable<AuditEntry> entries, RqlQuery query) =>
        query.Search is { } term && SearchMatches(term) is { } matches ? entries.Where(e => matches.Contains(e.Id)) : entries;

    /// <summary>
    /// As <see cref="Narrowed"/>, asking the trigram index once for a page and its total: up to <see cref="SmallSet"/>
    /// matches go to both statements as one list of ids. Left as a subquery, each statement searched the index again,
    /// and the index's work grows with the trail (its trigrams' lists of entries), not with the matches. The index finds
    /// every entry the search could match, so when it finds none the total is known to be zero and nothing more is asked.
    /// </summary>
    private async Task<(IQueryable<AuditEntry> Source, long? Total)> NarrowedAsync(IQueryable<AuditEntry> entries, RqlQuery query, CancellationToken ct)
    {
        if (query.Search is not { } term || SearchMatches(term) is not { } matches) return (entries, null);
        var found = await matches.Take(SmallSet + 1).ToListAsync(ct);
        if (found.Count == 0) return (entries, 0);
        return (found.Count <= SmallSet ? entries.Where(e => found.Contains(e.Id)) : entries.Where(e => matches.Contains(e.Id)), null);
    }

    /// <summary>
    /// The ids of the entries whose searchable text contains the term, from SQLite's trigram index. A term shorter
    /// than a trigram cannot use it; only a LIKE without ESCAPE reaches FTS5, and that LIKE folds ASCII letters only,
    /// so a term with wildcards, LIKE's own metacharacters or other letters is left to the scan (as for members).
    /// </summary>
    private IQueryable<long>? SearchMatches(string term)
    {
        if (db.Provider != DatabaseProvider.Sqlite) return null;
        var literal = term.Trim('*');
        if (literal.Length < 3 || literal.Any(c => c is '%' or '_' or '*' or '\\' || !char.IsAscii(c))) return null;
        var pattern = $"%{literal}%";
        return db.Set<AuditSearchEntry>().Where(s => EF.Functions.Like(s.Text, pattern)).Select(s => s.Id);
    }

    /// <summary>The total from the counters, when the query is the whole trail or a filter on actions alone; otherwise null.</summary>
    private async Task<long?> CountedAsync(string accountId, RqlQuery query, CancellationToken ct)
    {
        if (query.Search is not null) return null;
        var counts = db.AuditCounts.Where(c => c.AccountId == accountId);
        if (query.Filter is null) return await counts.SumAsync(c => c.Count, ct);
        if (OnlyActions(query.Filter) is not { } actions) return null;
        return await counts.Where(c => actions.Contains(c.Action)).SumAsync(c => c.Count, ct);
    }

    private static List<AuditAction>? OnlyActions(RqlNode filter)
    {
        IReadOnlyList<RqlValue>? values = filter switch
        {
            RqlComparison { Operator: RqlOperator.Eq } eq when ActionFields.Contains(eq.Field) => [eq.Value],
            RqlIn { Negated: false } list when ActionFields.Contains(list.Field) => list.Values,
            _ => null,
        };
        if (values is null || values.Any(v => v.Kind != RqlValueKind.Text)) return null;
        var actions = values.Select(v => Action(v.Text)).ToList();
        return actions.All(a => a is not null) ? [.. actions.Select(a => a!.Value).Distinct()] : null;
    }

    /// <summary>An action by its number or its API name, as the filter reads it; anything else is left to the filter.</summary>
    private static AuditAction? Action(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? Enum.IsDefined((AuditAction)number) ? (AuditAction)number : null
            : AuditListing.Named(text);
}
