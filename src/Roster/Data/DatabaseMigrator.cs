using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Roster.Data;

public static class DatabaseMigrator
{
    /// <summary>Brings the schema up to date under the <see cref="StartLock"/>; safe on every start, from several nodes at once.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var held = await StartLock.AcquireAsync(services, ct);
        await MigrateAsync(services, held, ct);
    }

    /// <summary>For a start that holds the lock across more work than migrating (first start).</summary>
    public static async Task MigrateAsync(IServiceProvider services, StartLock held, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(held);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RosterDbContext>();
        if (db.Provider == DatabaseProvider.Sqlite) await ClearAbandonedMigrationLockAsync(db, ct);
        // On PostgreSQL, EF reads the migration history before it creates its table, and the read of a fresh database
        // fails and is logged as an error although nothing is wrong (dotnet/efcore#37328). The table made first, it
        // is read empty instead. Under the lock no other node creates it at the same time.
        else await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(ct);
        // EF reads which migrations are applied only now, under the lock, after any node before this one finished.
        await db.Database.MigrateAsync(ct);
    }

    /// <summary>
    /// EF Core's own lock on SQLite is a row that a process killed while migrating leaves behind, and every later
    /// migration then waits for it for good. Under the start lock no other process is migrating, so any such row is
    /// abandoned.
    /// </summary>
    private static async Task ClearAbandonedMigrationLockAsync(RosterDbContext db, CancellationToken ct)
    {
        var tables = await db.Database
            .SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock'")
            .SingleAsync(ct);
        if (tables > 0) await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsLock\"", ct);
    }
}
