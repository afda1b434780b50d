using Microsoft.EntityFrameworkCore;
using Roster.Audit;
using Roster.Common;
using Roster.Data;

namespace Roster.Acl;

/// <summary>Removes one rule, or all of them (which lifts every restriction).</summary>
public sealed class RemoveAccessRules(RosterDbContext db, TimeProvider clock)
{
    public async Task<Result> RemoveAsync(string accountId, string ruleId, Actor actor, CancellationToken ct = default)
    {
        var locked = await AccessRules.LockAsync(db, actor, accountId, ct);
        if (!locked.Succeeded) return locked.Error;
        await using var transaction = locked.Value;
        var found = await AccessRules.LoadAsync(db, accountId, ruleId, ct);
        if (!found.Succeeded) return found.Error;
        var rule = found.Value;
        var others = await AccessRules.ValuesAsync(db, accountId, ct);
        others.Remove(rule.Value);
        if (await AccessRules.SelfLockoutAsync(db, actor, accountId, others, null, ct) is { } lockout) return lockout;

        db.AccessRules.Remove(rule);
        db.Record(actor, AuditAction.AccessRuleRemoved, "acl_rule", rule.Id, rule.Value, clock.GetUtcNow(), accountId, new { value = rule.Value });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Result.Ok();
    }

    public async Task<Result> ClearAsync(string accountId, Actor actor, CancellationToken ct = default)
    {
        var locked = await AccessRules.LockAsync(db, actor, accountId, ct);
        if (!locked.Succeeded) return locked.Error;
        await using var transaction = locked.Value;
        var rules = await db.AccessRules.Where(r => r.AccountId == accountId).ToListAsync(ct);
        if (rules.Count == 0) return Result.Ok();
        db.AccessRules.RemoveRange(rules);
        db.Record(actor, AuditAction.AccessRulesCleared, "acl", accountId, null, clock.GetUtcNow(), accountId,
            new { values = rules.Select(r => r.Value).Order(StringComparer.Ordinal).ToList() });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Result.Ok();
    }
}
