using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Roster.Web.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL cluster of one test's own (Debian's PostgreSQL 15, as scripts/test uses), so the test can stop it
/// and start it again without disturbing the shared server every other test uses.
/// </summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "roster-tests", "pg-" + Guid.NewGuid().ToString("N"));

    private ThrowawayPostgres(int port) => Port = port;

    public int Port { get; }

    /// <summary>Short connect timeout: a stopped server is refused at once, but a test should not hang on one that hangs.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Timeout=5;Maximum Pool Size=20";

    public static async Task<ThrowawayPostgres> StartAsync()
    {
        var cluster = new ThrowawayPostgres(FreePort());
        Directory.CreateDirectory(cluster._folder);
        // initdb refuses to run as root; the tests run as root (scripts/test installs with apt).
        await RunAsync("chown", "postgres:postgres", cluster._folder);
        await RunAsync("runuser", "-u", "postgres", "--", $"{Bin}/initdb", "-D", cluster.DataFolder, "-U", "postgres", "-A", "trust",
            "--no-sync", "-E", "UTF8", "--locale=C.UTF-8");
        await cluster.StartAgainAsync();
        return cluster;
    }

    private string DataFolder => Path.Combine(_folder, "data");

    public Task StartAgainAsync() => RunAsync("runuser", "-u", "postgres", "--", $"{Bin}/pg_ctl", "-D", DataFolder,
        "-l", Path.Combine(_folder, "server.log"), "-w", "-o", $"-c listen_addresses=127.0.0.1 -p {Port} -k {_folder}", "start");

    /// <summary>A fast shutdown: the server ends every session ("terminating connection due to administrator command").</summary>
    public Task StopAsync() => RunAsync("runuser", "-u", "postgres", "--", $"{Bin}/pg_ctl", "-D", DataFolder, "-m", "fast", "-w", "stop");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync("runuser", "-u", "postgres", "--", $"{Bin}/pg_ctl", "-D", DataFolder, "-m", "immediate", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
            // Already stopped by the test.
        }
        Directory.Delete(_folder, recursive: true);
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{await output}\n{await errors}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
