using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Roster.Data;

namespace Roster.Tests.Infrastructure;

/// <summary>Roster's application layer over a real, migrated database, with a movable clock.</summary>
public sealed class RosterFixture : IAsyncLifetime
{
    private TestDatabase? _database;
    private ServiceProvider? _services;

    public MovableClock Clock { get; } = new();
    public TestDatabase Database => _database!;
    public IServiceProvider Services => _services!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_database.Settings)
            .AddInMemoryCollection([new("PublicUrl", "http://roster.test")]).Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<IConfiguration>(configuration);
        services.AddRoster(configuration);
        _services = services.BuildServiceProvider();
        await DatabaseMigrator.MigrateAsync(_services);
    }

    /// <summary>Runs <paramref name="work"/> in its own scope, as one request would.</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _services!.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public async Task DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }
}
