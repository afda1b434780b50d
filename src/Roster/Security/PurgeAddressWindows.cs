using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Roster.Common;
using Roster.Data;

namespace Roster.Security;

/// <summary>Deletes address windows that have ended, so the table holds only the addresses of the last minutes.</summary>
public sealed class PurgeAddressWindows(RosterDbContext db, TimeProvider clock)
{
    public Task<int> HandleAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        return db.AddressWindows.Where(w => w.WindowEndsAt <= now).ExecuteDeleteAsync(ct);
    }
}

/// <summary>Runs <see cref="PurgeAddressWindows"/> every ten minutes. Deleting ended rows twice is harmless, so every node may.</summary>
public sealed class AddressWindowSweeper(IServiceScopeFactory scopes, ILogger<AddressWindowSweeper> logger)
    : PeriodicService<PurgeAddressWindows>(scopes, logger, TimeSpan.FromMinutes(10))
{
    protected override Task RunAsync(PurgeAddressWindows job, CancellationToken ct) => job.HandleAsync(ct);
}
