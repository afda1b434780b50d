using Microsoft.EntityFrameworkCore;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Modules;
using Roster.Security;

namespace Roster.Acl;

/// <summary>
/// Makes the account's rules bind its members' sessions too, or tokens only. It changes who may reach the account,
/// so it takes the Account module as well as Integrations.
/// </summary>
public sealed class ChangeAccessCoverage(RosterDbContext db, TimeProvider clock)
{
    public async Task<Result> HandleAsync(string accountId, bool coversMembers, Actor actor, CancellationToken ct = default)
    {
        var locked = await AccessRules.LockAsync(db, actor, accountId, ct);
        if (!locked.Succeeded) return locked.Error;
        await using var transaction = locked.Value;
        if (!await db.HasModuleAsync(actor, accountId, ModuleCatalog.Account, ct))
            return new Error("permission.denied", "Binding members to the rules takes the Account module.", ErrorKind.Forbidden);
        var settings = await db.AccessListSettings.SingleOrDefaultAsync(s => s.AccountId == accountId, ct);
        if ((settings?.CoversMembers ?? false) == coversMembers) return Result.Ok();
        var rules = await AccessRules.ValuesAsync(db, accountId, ct);
        if (await AccessRules.SelfLockoutAsync(db, actor, accountId, rules, coversMembers, ct) is { } lockout) return lockout;

        var now = clock.GetUtcNow();
        if (settings is null) db.AccessListSettings.Add(settings = new AccessListSettings { AccountId = accountId });
        settings.CoversMembers = coversMembers;
        settings.UpdatedAt = now;
        db.Record(actor, AuditAction.AccessCoverageChanged, "acl", accountId, null, now, accountId, new { members = coversMembers });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Result.Ok();
    }
}
