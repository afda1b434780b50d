using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Roster.Data;

public static class DatabaseMigrator
{
    /// <summary>Brings the schema up to date. Safe to run on every start and from several nodes (migrations lock).</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RosterDbContext>();
        await db.Database.MigrateAsync(ct);
    }
}
