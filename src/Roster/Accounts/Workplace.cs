using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Security;

namespace Roster.Accounts;

/// <summary>One of the accounts a user works in.</summary>
public sealed record WorkingAccount(string Id, string Name, AccountRole Role);

/// <summary>
/// Where a user works: every account they are an active member of, the one their session is in (if it still is one
/// of them) and the modules they hold there. The portal's top bar and sidebar are drawn from it.
/// </summary>
public sealed record Workplace(IReadOnlyList<WorkingAccount> Accounts, WorkingAccount? Active, IReadOnlySet<string> Modules);

public sealed class WorkplaceQuery(RosterDbContext db)
{
    public async Task<Workplace> ForAsync(Actor actor, CancellationToken ct = default)
    {
        var accounts = await db.VisibleTo(actor).AsNoTracking().OrderBy(a => a.Name).ThenBy(a => a.Id)
            .Select(a => new WorkingAccount(a.Id, a.Name, a.Role)).ToListAsync(ct);
        var active = accounts.FirstOrDefault(a => a.Id == actor.AccountId);
        var modules = active is null ? new HashSet<string>() : await db.HeldModulesAsync(actor, active.Id, ct);
        return new Workplace(accounts, active, modules);
    }
}
