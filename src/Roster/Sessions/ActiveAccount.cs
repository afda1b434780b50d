using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Common;
using Roster.Data;

namespace Roster.Sessions;

/// <summary>The account the caller acts in (GET /auth/context), while they can still see it; none otherwise.</summary>
public sealed class ActiveAccount(RosterDbContext db)
{
    public async Task<WorkingAccount?> ForAsync(Actor actor, CancellationToken ct = default) =>
        actor.AccountId is null
            ? null
            : await db.VisibleTo(actor).AsNoTracking().Where(a => a.Id == actor.AccountId)
                .Select(a => new WorkingAccount(a.Id, a.Name, a.Role)).SingleOrDefaultAsync(ct);
}
