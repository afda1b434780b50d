using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Modules;
using Roster.Security;

namespace Roster.Accounts;

/// <summary>Connect's account module settings, of which Roster keeps the MFA policy.</summary>
public sealed record AccountSettingsView(string AccountId, string AccountName, MfaPolicy MfaPolicy);

/// <summary>The settings as the portal's Security page shows them: who may change them, and whether the viewer has a second factor.</summary>
public sealed record AccountSecurityView(AccountSettingsView Settings, bool CanEdit, bool ViewerHasMfa);

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

    public async Task<Result<AccountSecurityView>> ForSecurityPageAsync(Actor actor, CancellationToken ct = default)
    {
        var settings = await HandleAsync(actor, ct);
        if (!settings.Succeeded) return settings.Error;
        var canEdit = await db.HasModuleAsync(actor, settings.Value.AccountId, ModuleCatalog.Account, ct);
        var hasMfa = await db.Users.AsNoTracking().AnyAsync(u => u.Id == actor.Id && u.AuthenticatorKey != null, ct);
        return new AccountSecurityView(settings.Value, canEdit, hasMfa);
    }
}
