using System.Collections.Concurrent;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Common;
using Roster.Data;
using Roster.Querying;

namespace Roster.Users;

/// <summary>
/// Reads one page of an account's members, and its total, in a way that stays fast at a million members.
/// Totals come from the triggers' counters when the filter allows it. A group filter or a search is answered from
/// the small set of matching members when that set is small, and otherwise by walking the ordering's index and
/// testing each row: SQLite's planner cannot weigh the two with a LIMIT in view, so the choice is made here from
/// the set's size. It reads rows only: <see cref="MemberList"/> checks who may read them and completes them.
/// </summary>
public sealed class MemberPages(RosterDbContext db)
{
    private RqlResource<Membership> Resource => MemberListing.For(db);

    /// <summary>Up to this many matches, collecting and sorting them beats walking the ordering index.</summary>
    public int SmallSet { get; init; } = 5000;

    /// <summary>From this offset on, a page is found by its members' ids first, then read (see <see cref="PageAsync"/>).</summary>
    public int DeepOffset { get; init; } = 10_000;

    public async Task<Result<RqlPage<Membership>>> ReadAsync(string accountId, RqlQuery query, CancellationToken ct = default)
    {
        // The page most requests ask for first, compiled (FirstPages).
        if (query is { Filter: null, Search: null, Offset: 0, Limit: > 0 and <= RqlPaging.DefaultLimit } && Resource.IsDefaultOrdering(query.Ordering))
        {
            var first = FirstPages.GetOrAdd(query.Limit, static (limit, pages) => pages.CompileFirstPage(limit), this);
            var page = new List<RowWithTotal>(query.Limit);
            await foreach (var row in first(db, accountId).WithCancellation(ct)) page.Add(row);
            if (page.Count > 0) return new RqlPage<Membership>([.. page.Select(r => r.Row)], page[0].Total);
        }

        var prepared = await PrepareAsync(accountId, query, ct);
        if (!prepared.Succeeded) return prepared.Error;
        var (source, remaining, total, counted) = prepared.Value;
        // The rest of a query that was just checked whole cannot fail on its own.
        var filtered = Resource.Apply(source, remaining, Dialect);
        if (!filtered.Succeeded) throw new InvalidOperationException(filtered.Error.Message);
        if (counted is not null && query.Limit > 0 && query.Offset < DeepOffset)
        {
            // The counters' sum rides along with the page's rows: one statement where two were sent.
            var counters = Counters(accountId, counted);
            var withTotal = await RqlPaging.Page(filtered.Value, query)
                .Select(m => new { Row = m, Total = counters.Sum(c => c.Count) }).ToListAsync(ct);
            if (withTotal.Count > 0) return new RqlPage<Membership>([.. withTotal.Select(r => r.Row)], withTotal[0].Total);
        }
        total ??= counted is null ? await filtered.Value.LongCountAsync(ct) : await Counters(accountId, counted).SumAsync(c => c.Count, ct);
        var rows = query.Limit == 0 || query.Offset >= total ? [] : await PageAsync(filtered.Value, query, ct);
        return new RqlPage<Membership>(rows, total.Value);
    }

    private sealed record RowWithTotal(Membership Row, long Total);

    /// <summary>
    /// The first page in the default ordering, neither filtered nor searched, which the portal and most API clients
    /// ask for first, compiled once for each page size: a request then builds no expression tree and EF looks up no
    /// SQL for it. Its statement is the general path's (the rows and the counters' sum in one); any other query takes
    /// that path.
    /// </summary>
    private static readonly ConcurrentDictionary<int, Func<RosterDbContext, string, IAsyncEnumerable<RowWithTotal>>> FirstPages = new();

    /// <summary>
    /// The plain first page of <paramref name="limit"/> rows, sorted by the keys the resource declares. The limit is a
    /// constant in the tree, which a compiled query keeps as one: written into the SQL, as <see cref="RqlPaging.Page{T}"/>
    /// writes it, so that PostgreSQL plans the statement for the page it reads.
    /// </summary>
    private Func<RosterDbContext, string, IAsyncEnumerable<RowWithTotal>> CompileFirstPage(int limit)
    {
        var keys = Resource.SortKeys(RqlQuery.Empty);
        // The default ordering was checked when it was declared.
        if (!keys.Succeeded) throw new InvalidOperationException(keys.Error.Message);
        Expression<Func<RosterDbContext, string, IQueryable<Membership>>> members =
            (db, accountId) => db.Memberships.AsNoTracking().Where(m => m.AccountId == accountId);
        // The keys are laid on a query that is never run, only to write the ordering and the limit into the tree.
        var page = RqlResource<Membership>.Sort(new EnumerableQuery<Membership>(members.Body), keys.Value).Take(limit);
        Expression<Func<IQueryable<Membership>, RosterDbContext, string, IQueryable<RowWithTotal>>> withTotal = (rows, db, accountId) =>
            rows.Select(m => new RowWithTotal(m, db.MemberCounts.Where(c => c.AccountId == accountId).Sum(c => c.Count)));
        var body = new ParameterSwap(withTotal.Parameters[0], page.Expression).Visit(withTotal.Body);
        body = new ParameterSwap(withTotal.Parameters[1], members.Parameters[0]).Visit(body);
        body = new ParameterSwap(withTotal.Parameters[2], members.Parameters[1]).Visit(body);
        return EF.CompileAsyncQuery(Expression.Lambda<Func<RosterDbContext, string, IQueryable<RowWithTotal>>>(body, members.Parameters));
    }

    /// <summary>
    /// A deep page skips its offset over the member ids alone, which the ordering's index holds, and only then reads
    /// the page's rows. PostgreSQL can then skip through the index alone instead of visiting 900,000 rows for a page
    /// at 90% depth; SQLite walks its covering index either way.
    /// </summary>
    private async Task<List<Membership>> PageAsync(IQueryable<Membership> ordered, RqlQuery query, CancellationToken ct)
    {
        if (query.Offset < DeepOffset) return await RqlPaging.Page(ordered, query).ToListAsync(ct);
        var pageIds = RqlPaging.Page(ordered.Select(m => m.UserId), query);
        return await ordered.Where(m => pageIds.Contains(m.UserId)).ToListAsync(ct);
    }

    /// <summary>
    /// The whole filtered, searched and ordered list, paging ignored, read <paramref name="batchSize"/> rows at a
    /// time by the ordering's key (<see cref="Batches.ReadAllAsync{T}"/>), for exports.
    /// </summary>
    public async Task<Result<IAsyncEnumerable<Membership>>> ReadAllAsync(string accountId, RqlQuery query, int batchSize, CancellationToken ct = default)
    {
        var prepared = await PrepareAsync(accountId, query, ct);
        if (!prepared.Succeeded) return prepared.Error;
        var (source, remaining, _, _) = prepared.Value;
        return Resource.ReadAllAsync(source, remaining, Dialect, batchSize);
    }

    private RqlDialect Dialect => RqlDialect.For(db.Provider);

    /// <summary>
    /// The query checked whole, then the narrowest source that answers it, what of the query is left to apply, and its
    /// total: known, or to be summed from the counters of <c>Counted</c> statuses, or (both null) to be counted.
    /// </summary>
    private async Task<Result<(IQueryable<Membership> Source, RqlQuery Remaining, long? Total, IReadOnlyCollection<MembershipStatus>? Counted)>> PrepareAsync(
        string accountId, RqlQuery query, CancellationToken ct)
    {
        var members = db.Memberships.AsNoTracking().Where(m => m.AccountId == accountId);
        var checkedQuery = Resource.Apply(members, query, Dialect);
        if (!checkedQuery.Succeeded) return checkedQuery.Error;
        return await NarrowAsync(accountId, members, query, ct);
    }

    private async Task<(IQueryable<Membership> Source, RqlQuery Remaining, long? Total, IReadOnlyCollection<MembershipStatus>? Counted)> NarrowAsync(
        string accountId, IQueryable<Membership> members, RqlQuery query, CancellationToken ct)
    {
        if (query.Search is { } term)
        {
            if (SearchMatches(accountId, term) is not { } matches) return (members, query, null, null);
            // Read once, the matches go to the total and the page as one list of ids: left as a subquery, each of
            // them searched the trigram index again, whose work grows with the account, not with the matches.
            var found = await matches.Take(SmallSet + 1).ToListAsync(ct);
            if (found.Count > SmallSet) return (members, query, null, null);
            // The index only narrows: the search's own test still decides, so a term cannot match across fields.
            // Nothing found by the index, nothing can match: the total is known without asking.
            return (members.Where(m => found.Contains(m.UserId)), query, found.Count == 0 ? 0 : null, null);
        }

        if (query.Filter is null) return (members, query, null, Enum.GetValues<MembershipStatus>());
        if (OnlyStatuses(query.Filter) is { } statuses) return (members, query, null, statuses);
        if (SignInNarrowed(members, query.Filter) is { } narrowed) return (narrowed, query, null, null);
        if (OnlyGroup(query.Filter) is not { } group) return (members, query, null, null);

        var groups = db.Groups.Where(g => g.AccountId == accountId);
        var ids = await (group.ById ? groups.Where(g => g.Id == group.Value) : groups.Where(g => g.Name == group.Value))
            .Select(g => g.Id).Take(2).ToListAsync(ct);
        if (ids.Count != 1) return (members, query, ids.Count == 0 ? 0 : null, null);
        var groupId = ids[0];
        var inGroup = db.GroupMembers.Where(gm => gm.GroupId == groupId).Select(gm => gm.UserId);
        // Every group member is a member of the group's account, so the group's rows are the total.
        var size = await inGroup.LongCountAsync(ct);
        return size <= SmallSet
            ? (members.Where(m => inGroup.Contains(m.UserId)), query with { Filter = null }, size, null)
            // Probes the group's primary key (GroupId, UserId) for each member along the ordering index.
            : (members.Where(m => db.GroupMembers.Any(gm => gm.GroupId == groupId && gm.UserId == m.UserId)), query with { Filter = null }, size, null);
    }

    /// <summary>
    /// A filter on one provider or one domain starts from the members whose email domain could match, on the
    /// (account, email domain) index, and from those pointed at the provider one by one, instead of testing the
    /// sign-in rule on every member of the account. Only a narrowing: the filter itself still decides.
    /// </summary>
    private IQueryable<Membership>? SignInNarrowed(IQueryable<Membership> members, RqlNode filter)
    {
        if (filter is not RqlComparison { Operator: RqlOperator.Eq, Value.Kind: RqlValueKind.Text } eq) return null;
        var id = eq.Value.Text;
        var verified = db.Domains.Where(d => d.Status == Sso.DomainStatus.Verified);
        switch (eq.Field)
        {
            case "domain.id":
                var named = verified.Where(d => d.Id == id).Select(d => d.Name);
                return members.Where(m => named.Contains(m.EmailDomain!));
            case "idp.id":
                var served = verified.Where(d => d.IdentityProviderId == id).Select(d => d.Name);
                var pointed = db.DomainUsers.Where(p => p.IdentityProviderId == id).Select(p => p.UserId);
                return members.Where(m => served.Contains(m.EmailDomain!) || pointed.Contains(m.UserId));
            default:
                return null;
        }
    }

    /// <summary>
    /// The counters of these statuses. The statuses are written into the query as constants rather than a list
    /// parameter, which EF would spell out one parameter each and then not cache: the first page's statement would be
    /// built again on every request. Every status, the common case, needs no test at all.
    /// </summary>
    private IQueryable<MemberCount> Counters(string accountId, IReadOnlyCollection<MembershipStatus> statuses)
    {
        var counters = db.MemberCounts.Where(c => c.AccountId == accountId);
        if (statuses.Distinct().Count() == Enum.GetValues<MembershipStatus>().Length) return counters;
        var counter = Expression.Parameter(typeof(MemberCount), "c");
        var status = Expression.Property(counter, nameof(MemberCount.Status));
        var any = statuses.Distinct().Select(s => (Expression)Expression.Equal(status, Expression.Constant(s)))
            .Aggregate(Expression.OrElse);
        return counters.Where(Expression.Lambda<Func<MemberCount, bool>>(any, counter));
    }

    /// <summary>
    /// The ids of the members whose name, email or id match the search term, from the trigram index. A term shorter
    /// than a trigram cannot use it. On SQLite only a LIKE without ESCAPE reaches the FTS5 index, and that LIKE folds
    /// ASCII letters only, so a term with wildcards, LIKE's own metacharacters or other letters is left to the scan.
    /// </summary>
    private IQueryable<string>? SearchMatches(string accountId, string term)
    {
        var entries = db.MemberSearch.Where(s => s.AccountId == accountId);
        if (db.Provider == DatabaseProvider.Postgres)
        {
            if (term.Trim('*').Length < 3) return null;
            var escaped = LikePattern.Search(term).ToLike();
            return entries.Where(s => EF.Functions.ILike(s.Text, escaped, "\\")).Select(s => s.UserId);
        }

        var literal = term.Trim('*');
        if (literal.Length < 3 || literal.Any(c => c is '%' or '_' or '*' or '\\' || !char.IsAscii(c))) return null;
        var pattern = $"%{literal}%";
        return entries.Where(s => EF.Functions.Like(s.Text, pattern)).Select(s => s.UserId);
    }

    private static IReadOnlyCollection<MembershipStatus>? OnlyStatuses(RqlNode filter)
    {
        IReadOnlyList<RqlValue>? values = filter switch
        {
            RqlComparison { Field: "status", Operator: RqlOperator.Eq } eq => [eq.Value],
            RqlIn { Field: "status", Negated: false } list => list.Values,
            _ => null,
        };
        if (values is null) return null;
        var spellings = RqlValues.Spellings(typeof(MembershipStatus));
        var statuses = values.Select(v => spellings.GetValueOrDefault(v.Text)).ToList();
        return statuses.All(s => s is MembershipStatus) ? [.. statuses.Cast<MembershipStatus>().Distinct()] : null;
    }

    private static (bool ById, string Value)? OnlyGroup(RqlNode filter) => filter switch
    {
        RqlComparison { Field: "groups.id", Operator: RqlOperator.Eq, Value.Kind: RqlValueKind.Text } eq => (true, eq.Value.Text),
        RqlComparison { Field: "groups.name", Operator: RqlOperator.Eq, Value.Kind: RqlValueKind.Text } eq => (false, eq.Value.Text),
        _ => null,
    };
}
