using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;

namespace Roster.Accounts;

/// <summary>Connect's account module settings, of which Roster keeps the MFA policy.</summary>
public sealed record AccountSettingsView(string AccountId, string AccountName, MfaPolicy MfaPolicy);

public sealed class ReadAccountSettings(RosterDbContext db)
{
    /// <summary>The settings of the caller's active account; every member (and the account's tokens) may read them.</summary>
    public async Task<Result<AccountSettingsView>> HandleAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.AccountId is null) return Error.NotFound("account");
        var view = await db.VisibleTo(actor).AsNoTracking().Where(a => a.Id == actor.AccountId)
            .Select(a => new AccountSettingsView(a.Id, a.Name, a.MfaPolicy)).SingleOrDefaultAsync(ct);
        return view is null ? Error.NotFound("account") : view;
    }
}
