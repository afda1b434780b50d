using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Roster.Data;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Setup;

public sealed class StartLockTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateEmptyAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_database.Settings).Build();
        _services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Warning)).AddRoster(configuration).BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Migrate_AfterAStartKilledWhileMigrating_IsNotHeldUpByTheLockItLeftBehind()
    {
        // EF Core's PostgreSQL lock is transactional and dies with the session; only SQLite's is a row that outlives a kill.
        if (_database.Provider != DatabaseProvider.Sqlite) return;
        await DatabaseMigrator.MigrateAsync(_services);
        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RosterDbContext>();
            await db.Database.ExecuteSqlRawAsync("INSERT INTO \"__EFMigrationsLock\" (\"Id\", \"Timestamp\") VALUES (1, '2026-01-15 09:00:00+00:00')");
        }

        // Generous: only a start that waits for the dead process for good runs into it.
        await DatabaseMigrator.MigrateAsync(_services).WaitAsync(TimeSpan.FromMinutes(2));

        await using var check = _services.CreateAsyncScope();
        var migrated = check.ServiceProvider.GetRequiredService<RosterDbContext>();
        (await migrated.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
    }
}
