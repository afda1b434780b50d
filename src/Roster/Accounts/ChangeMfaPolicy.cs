using Microsoft.EntityFrameworkCore;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Modules;

namespace Roster.Accounts;

/// <summary>Sets the active account's MFA policy; for holders of the Account module.</summary>
public sealed class ChangeMfaPolicy(RosterDbContext db, TimeProvider clock)
{
    public static readonly Error PolicyInvalid =
        new("settings.mfa_policy_invalid", "The MFA policy is one of optional, suggested or required: {\"mfa\": {\"policy\": \"required\"}}.", Field: "mfa.policy");

    public static readonly Error EnrolFirst = new("settings.mfa_enrol_first",
        "Turn on two-factor authentication for yourself before requiring it: otherwise this account would shut you out at once.",
        ErrorKind.Conflict, Field: "mfa.policy");

    public async Task<Result<AccountSettingsView>> HandleAsync(string? policy, Actor actor, CancellationToken ct = default)
    {
        if (actor.AccountId is not { } accountId) return Error.NotFound("account");
        var locked = await AccountGuard.LockForAsync(db, actor, accountId, ModuleCatalog.Account, ct);
        if (!locked.Succeeded) return locked.Error;
        await using var transaction = locked.Value;
        if (!MfaPolicies.TryParse(policy, out var chosen)) return PolicyInvalid;
        if (chosen == MfaPolicy.Required && actor.IsUser && !await db.Users.AnyAsync(u => u.Id == actor.Id && u.AuthenticatorKey != null, ct))
            return EnrolFirst;

        var account = await db.Accounts.SingleAsync(a => a.Id == accountId, ct);
        var before = account.MfaPolicy;
        if (before != chosen)
        {
            var now = clock.GetUtcNow();
            account.MfaPolicy = chosen;
            account.UpdatedAt = now;
            account.UpdatedById = actor.Id;
            account.UpdatedByName = actor.Name;
            db.Record(actor, AuditAction.AccountMfaPolicyChanged, "account", account.Id, account.Name, now, account.Id,
                new { before = new { mfa = new { policy = before.ToApi() } }, after = new { mfa = new { policy = chosen.ToApi() } } });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        return new AccountSettingsView(account.Id, account.Name, account.MfaPolicy);
    }
}
