using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Common;
using Roster.Data;

namespace Roster.Sessions;

/// <summary>
/// The account the caller acts in (GET /auth/context), while they can still see it; none otherwise. The request's
/// credential check has usually read it already, in the same statement as the credential.
/// </summary>
public sealed class ActiveAccount(RosterDbContext db, CheckedCredential credential)
{
    public async Task<WorkingAccount?> ForAsync(Actor actor, CancellationToken ct = default) =>
        actor.AccountId is null ? null
        : credential.For(actor) is { } facts ? facts.Account
        : await db.VisibleTo(actor).AsNoTracking().Where(a => a.Id == actor.AccountId)
            .Select(a => new WorkingAccount(a.Id, a.Name, a.Role)).SingleOrDefaultAsync(ct);
}
