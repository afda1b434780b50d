using Roster.Audit;
using Roster.Common;
using Roster.Data;

namespace Roster.Acl;

/// <summary>Allows one more address or network to use the account's tokens (and its members' sessions, if they are bound).</summary>
public sealed class AddAccessRule(RosterDbContext db, TimeProvider clock)
{
    public async Task<Result<AccessRuleView>> HandleAsync(string accountId, AccessRuleRequest request, Actor actor, CancellationToken ct = default)
    {
        var locked = await AccessRules.LockAsync(db, actor, accountId, ct);
        if (!locked.Succeeded) return locked.Error;
        await using var transaction = locked.Value;
        if (AccessRules.Validate(request) is { } invalid) return invalid;
        var value = request.Value!.Trim();
        var rules = await AccessRules.ValuesAsync(db, accountId, ct);
        if (await AccessRules.SelfLockoutAsync(db, actor, accountId, [.. rules, value], null, ct) is { } lockout) return lockout;

        var now = clock.GetUtcNow();
        var rule = new AccessRule
        {
            Id = Ids.NewAccessRuleId(),
            AccountId = accountId,
            Value = value,
            Comment = request.Comment,
            CreatedAt = now,
            CreatedById = actor.Id,
            CreatedByName = actor.Name,
        };
        db.AccessRules.Add(rule);
        db.Record(actor, AuditAction.AccessRuleAdded, "acl_rule", rule.Id, rule.Value, now, accountId, new { value = rule.Value, comment = rule.Comment });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return AccessRuleView.Of(rule);
    }
}
