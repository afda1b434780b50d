using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Querying;

namespace Roster.Acl;

/// <summary>The account's rules and settings as the API and the Integrations page read them.</summary>
public sealed record AccessListView(string AccountId, bool CoversMembers, IReadOnlyList<AccessRuleView> Rules);

public sealed class AccessRuleList(RosterDbContext db)
{
    public async Task<Result<RqlPage<AccessRuleView>>> ReadAsync(Actor actor, string accountId, RqlQuery query, CancellationToken ct = default)
    {
        var allowed = await AccessRules.RequireReaderAsync(db, actor, accountId, ct);
        if (!allowed.Succeeded) return allowed.Error;
        var rules = db.AccessRules.AsNoTracking().Where(r => r.AccountId == accountId);
        var page = await AccessRules.Listing.ReadPageAsync(rules, query, RqlDialect.For(db.Provider), ct);
        return page.Succeeded ? page.Value.Select(AccessRuleView.Of) : page.Error;
    }

    public async Task<Result<AccessRuleView>> FindAsync(Actor actor, string accountId, string ruleId, CancellationToken ct = default)
    {
        var allowed = await AccessRules.RequireReaderAsync(db, actor, accountId, ct);
        if (!allowed.Succeeded) return allowed.Error;
        var rule = await AccessRules.LoadAsync(db, accountId, ruleId, ct);
        return rule.Succeeded ? AccessRuleView.Of(rule.Value) : rule.Error;
    }

    /// <summary>The whole list of the caller's active account, oldest rule first.</summary>
    public async Task<Result<AccessListView>> ActiveAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.AccountId is not { } accountId) return Error.NotFound("account");
        var allowed = await AccessRules.RequireReaderAsync(db, actor, accountId, ct);
        if (!allowed.Succeeded) return allowed.Error;
        var rules = await db.AccessRules.AsNoTracking().Where(r => r.AccountId == accountId)
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).ToListAsync(ct);
        return new AccessListView(accountId, await AccessRules.CoversMembersAsync(db, accountId, ct), [.. rules.Select(AccessRuleView.Of)]);
    }
}
