using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roster.Common;
using Roster.Sessions;

namespace Roster.Data;

/// <summary>
/// Several processes may share one SQLite file (ADR 0010), but a process in Cached mode hears only its own writes, so
/// it must be the only one. Every web process on SQLite holds a lock on a file beside the database while it runs:
/// shared in Strict mode, exclusive in Cached mode. A Cached process started beside any other, or any process started
/// beside a Cached one, stops at once and says why, instead of serving checks another process's writes made stale.
/// </summary>
public static class SqliteNodes
{
    public const string Suffix = ".nodes";

    /// <summary>The lock this process holds until it is disposed; null where there is nothing to share (PostgreSQL, memory).</summary>
    public static IDisposable? Claim(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RosterDbContext>();
        if (db.Provider != DatabaseProvider.Sqlite) return null;
        var source = new SqliteConnectionStringBuilder(db.Database.GetConnectionString() ?? "");
        if (source.Mode == SqliteOpenMode.Memory || source.DataSource is "" or ":memory:") return null;
        var cached = services.GetRequiredService<CredentialCache>().Enabled;
        var path = Path.GetFullPath(source.DataSource) + Suffix;
        try
        {
            // FileShare.None takes an exclusive OS lock and read-only sharing a shared one; every process respects both.
            return cached
                ? new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None)
                : new FileStream(path, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite);
        }
        catch (IOException e) when (e.GetType() == typeof(IOException))
        {
            throw new StartRefused(cached
                ? $"Sessions:Validation=Cached on SQLite needs to be the only Roster process on {source.DataSource}, and another one is running. " +
                  "Stop it, or use Sessions:Validation=Strict (the default) for several processes."
                : $"A Roster process with Sessions:Validation=Cached is running on {source.DataSource}, and it must be the only one. " +
                  "Stop it first, or set it to Strict (the default).", e);
        }
    }
}

