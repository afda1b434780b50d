using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Roster.Web;

namespace Roster.Web.Tests.Infrastructure;

/// <summary>
/// Roster as a process of its own on a loopback port, bootstrapped with the test administrator, as a node runs in
/// production: it can be killed without warning or told to stop with SIGTERM.
/// </summary>
public sealed class RosterProcess : IAsyncDisposable
{
    private readonly Process _process;
    // What the server wrote, so a server that never answers explains itself in the failure.
    private readonly ConcurrentQueue<string> _output = new();

    private RosterProcess(
        int port, IEnumerable<KeyValuePair<string, string?>> settings, IEnumerable<string> arguments, string? dll = null, string? workingDirectory = null)
    {
        Port = port;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        start.ArgumentList.Add(dll ?? typeof(RosterApp).Assembly.Location);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["Bootstrap__AdminEmail"] = RosterServer.AdminEmail;
        start.Environment["Bootstrap__AdminPassword"] = RosterServer.AdminPassword;
        start.Environment["Bootstrap__AccountName"] = RosterServer.AccountName;
        start.Environment["Bootstrap__AccountRole"] = "vendor";
        foreach (var (key, value) in settings)
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Port { get; }
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");
    public int ExitCode => _process.ExitCode;
    public string RecentOutput => string.Join('\n', _output.TakeLast(40));
    public IReadOnlyList<string> Output => [.. _output];

    /// <summary>
    /// Starts Roster over <paramref name="database"/> with <paramref name="settings"/> on top, on a free port unless given
    /// one; <paramref name="arguments"/> come first on its command line, before the --urls that names the port.
    /// </summary>
    public static RosterProcess Start(
        TestDatabase database, IEnumerable<KeyValuePair<string, string?>>? settings = null, int? port = null, IEnumerable<string>? arguments = null) =>
        new(port ?? FreePort(), database.Settings.Concat(settings ?? []), arguments ?? []);

    /// <summary>
    /// Starts the Roster.Web.dll in <paramref name="folder"/> from <paramref name="workingDirectory"/>, on its own
    /// settings and its default SQLite database, as an operator starts a published Roster.
    /// </summary>
    public static RosterProcess StartPublished(string folder, string workingDirectory) =>
        new(FreePort(), [], [], Path.Combine(folder, "Roster.Web.dll"), workingDirectory);

    /// <summary>Waits until it serves, then signs the administrator in on a client with its own cookie jar.</summary>
    public async Task<(HttpClient Client, CookieContainer Cookies)> SignInAsync()
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = BaseAddress };
        // Generous: a cold start builds the model and migrates, and a busy machine may take its time.
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (true)
        {
            try
            {
                if ((await client.GetAsync("/healthz")).IsSuccessStatusCode) break;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
            }
            if (DateTime.UtcNow >= deadline || _process.HasExited)
                throw new TimeoutException($"Roster did not start. Its output ended with:\n{RecentOutput}");
            await Task.Delay(100);
        }
        await (await client.PostJsonAsync("/public/v1/auth/login", new { email = RosterServer.AdminEmail, password = RosterServer.AdminPassword }))
            .ExpectAsync(HttpStatusCode.Created);
        return (client, cookies);
    }

    /// <summary>kill -9: no shutdown, no cleanup, as a crash or an out-of-memory kill.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as an orchestrator sends before replacing a node: Roster stops gracefully.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        kill.ExitCode.ShouldBe(0, "kill -TERM");
    }

    /// <summary>Waits until the port refuses connections: a stopping Roster stops accepting before it drains.</summary>
    public async Task WaitUntilNotAcceptingAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
            }
            catch (SocketException)
            {
                return;
            }
            if (DateTime.UtcNow >= deadline)
                throw new TimeoutException($"Roster kept accepting connections. Its output ended with:\n{RecentOutput}");
            await Task.Delay(20);
        }
    }

    public async Task WaitForExitAsync()
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await _process.WaitForExitAsync(patience.Token);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        // Under scripts/test its output joins the run's logs, which the script searches for secrets.
        if (Environment.GetEnvironmentVariable(LogRecorder.FolderVariable) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await File.WriteAllLinesAsync(Path.Combine(folder, $"process-{Guid.NewGuid():N}.log"), _output);
        }
    }
}
