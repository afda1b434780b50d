using Microsoft.Data.Sqlite;
using Roster.Data;

namespace Roster.Web.Tests.Infrastructure;

/// <summary>
/// A database of the selected provider that a test can take away and bring back, as an outage would: on PostgreSQL a
/// cluster of the test's own, stopped and started again; on SQLite a folder of its own, moved away (the file cannot
/// be opened) and moved back.
/// </summary>
public sealed class UnplugableDatabase : IAsyncDisposable
{
    private readonly ThrowawayPostgres? _cluster;
    private readonly string? _folder;

    private UnplugableDatabase(ThrowawayPostgres? cluster, string? folder, TestDatabase database)
    {
        _cluster = cluster;
        _folder = folder;
        Database = database;
    }

    public TestDatabase Database { get; }

    public static async Task<UnplugableDatabase> CreateAsync()
    {
        if (TestDatabase.SelectedProvider == DatabaseProvider.Postgres)
        {
            var cluster = await ThrowawayPostgres.StartAsync();
            return new UnplugableDatabase(cluster, null, TestDatabase.External(DatabaseProvider.Postgres, cluster.ConnectionString));
        }
        var folder = Path.Combine(Path.GetTempPath(), "roster-tests", "unplugable-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return new UnplugableDatabase(null, folder,
            TestDatabase.External(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "roster.db")}"));
    }

    public async Task UnplugAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAsync();
            return;
        }
        // Pooled connections keep the file open wherever it moves; closing them makes Roster open it again.
        SqliteConnection.ClearAllPools();
        Directory.Move(_folder!, _folder + "-away");
    }

    public async Task PlugBackAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StartAgainAsync();
            return;
        }
        Directory.Move(_folder + "-away", _folder!);
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        if (_cluster is not null) await _cluster.DisposeAsync();
        if (_folder is null) return;
        SqliteConnection.ClearAllPools();
        foreach (var folder in new[] { _folder, _folder + "-away" })
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}
