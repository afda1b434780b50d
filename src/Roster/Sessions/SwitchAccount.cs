using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Audit;
using Roster.Common;
using Roster.Data;

namespace Roster.Sessions;

/// <summary>Makes another of the user's accounts the active one for this session (and the next sign-in).</summary>
public sealed class SwitchAccount(RosterDbContext db, TimeProvider clock)
{
    public async Task<Result<Account>> HandleAsync(string? accountId, Actor actor, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(accountId))
            return new Error("auth.account_required", "Name the account to switch to: {\"account\": {\"id\": \"...\"}}.", Field: "account");
        if (!actor.IsUser || actor.SessionId is null)
            return new Error("auth.session_required", "Only a signed-in session can switch accounts.", ErrorKind.Forbidden);
        // Under the account's lock, so a switch never lands, and never reaches its trail, after a removal committed.
        var locked = await AccountGuard.LockForMemberAsync(db, actor, accountId, ct);
        if (!locked.Succeeded) return locked.Error;
        await using var transaction = locked.Value;

        var account = await db.Accounts.SingleAsync(a => a.Id == accountId, ct);
        var now = clock.GetUtcNow();
        var session = await db.Sessions.SingleAsync(s => s.Id == actor.SessionId, ct);
        var user = await db.Users.SingleAsync(u => u.Id == actor.Id, ct);
        session.AccountId = accountId;
        user.LastAccountId = accountId;
        db.Record(actor, AuditAction.AccountSwitched, "account", account.Id, account.Name, now, account.Id);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return account;
    }
}
