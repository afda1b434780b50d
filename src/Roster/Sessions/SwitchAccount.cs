using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Security;

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
        if (!await db.IsMemberAsync(actor, accountId, ct)) return Error.NotFound("account");

        var account = await db.Accounts.SingleAsync(a => a.Id == accountId, ct);
        var now = clock.GetUtcNow();
        var session = await db.Sessions.SingleAsync(s => s.Id == actor.SessionId, ct);
        var user = await db.Users.SingleAsync(u => u.Id == actor.Id, ct);
        session.AccountId = accountId;
        user.LastAccountId = accountId;
        db.Record(actor, AuditAction.AccountSwitched, "account", account.Id, account.Name, now, account.Id);
        await db.SaveChangesAsync(ct);
        return account;
    }
}
