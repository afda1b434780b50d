using Roster.Audit;
using Roster.Common;
using Roster.Data;

namespace Roster.Acl;

/// <summary>Changes a rule's range or comment; the new range takes effect on the next request, on every node.</summary>
public sealed class UpdateAccessRule(RosterDbContext db, TimeProvider clock)
{
    public async Task<Result<AccessRuleView>> HandleAsync(
        string accountId, string ruleId, AccessRuleRequest request, Actor actor, CancellationToken ct = default)
    {
        var locked = await AccessRules.LockAsync(db, actor, accountId, ct);
        if (!locked.Succeeded) return locked.Error;
        await using var transaction = locked.Value;
        var found = await AccessRules.LoadAsync(db, accountId, ruleId, ct);
        if (!found.Succeeded) return found.Error;
        var rule = found.Value;
        if (AccessRules.Validate(request with { Value = request.Value ?? rule.Value }) is { } invalid) return invalid;
        var value = (request.Value ?? rule.Value).Trim();
        var others = await AccessRules.ValuesAsync(db, accountId, ct);
        others.Remove(rule.Value);
        if (await AccessRules.SelfLockoutAsync(db, actor, accountId, [.. others, value], null, ct) is { } lockout) return lockout;

        var now = clock.GetUtcNow();
        var before = new { value = rule.Value, comment = rule.Comment };
        rule.Value = value;
        rule.Comment = request.Comment;
        rule.UpdatedAt = now;
        rule.UpdatedById = actor.Id;
        rule.UpdatedByName = actor.Name;
        db.Record(actor, AuditAction.AccessRuleUpdated, "acl_rule", rule.Id, rule.Value, now, accountId,
            new { before, after = new { value = rule.Value, comment = rule.Comment } });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return AccessRuleView.Of(rule);
    }
}
