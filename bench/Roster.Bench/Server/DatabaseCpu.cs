using System.Globalization;
using Npgsql;

namespace Roster.Bench.Server;

/// <summary>
/// The CPU time a PostgreSQL cluster on this machine has used: its postmaster's own and its reaped children's
/// (backends that ended), plus that of every child still running (backends, background writer, autovacuum), from
/// /proc. Read before and after a scenario, the difference per request is the database's cost beside the server's.
/// A cluster on another machine has no /proc here: then <see cref="FindAsync"/> gives null and nothing is reported.
/// </summary>
public sealed class DatabaseCpu
{
    private readonly int _postmaster;

    private DatabaseCpu(int postmaster) => _postmaster = postmaster;

    public static async Task<DatabaseCpu?> FindAsync(string? connectionString, CancellationToken ct)
    {
        if (connectionString is null) return null;
        var host = new NpgsqlConnectionStringBuilder(connectionString).Host ?? "";
        if (host is not ("127.0.0.1" or "localhost" or "::1") && !host.StartsWith('/')) return null;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
        var backend = (int)(await command.ExecuteScalarAsync(ct))!;
        var fields = Fields(backend);
        if (fields is null || !IsPostgres(backend)) return null;
        var postmaster = int.Parse(fields[1], CultureInfo.InvariantCulture);
        return IsPostgres(postmaster) ? new DatabaseCpu(postmaster) : null;
    }

    public TimeSpan CpuTime()
    {
        long ticks = 0;
        if (Fields(_postmaster) is { } own) ticks += Ticks(own, 11) + Ticks(own, 12) + Ticks(own, 13) + Ticks(own, 14);
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            if (Fields(pid) is { } fields && fields[1] == _postmaster.ToString(CultureInfo.InvariantCulture))
                ticks += Ticks(fields, 11) + Ticks(fields, 12);
        }
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    private static long Ticks(string[] fields, int index) => long.Parse(fields[index], CultureInfo.InvariantCulture);

    private static bool IsPostgres(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim() is "postgres" or "postmaster";
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>The fields of /proc/&lt;pid&gt;/stat after the command name: [0] state, [1] parent, [11..14] CPU ticks.</summary>
    private static string[]? Fields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
