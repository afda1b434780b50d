using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Roster.Web.Tests.Infrastructure;

/// <summary>
/// A real OpenID Connect provider for tests: panva's certified <c>oidc-provider</c> (tests/OidcProvider/provider.mjs)
/// run by Node on a free loopback port, with the clients a test registers. Its login form takes any login, which
/// names the person: <c>alice@frontstreet.example;name=Alice Archer;groups=sales,support;unverified</c>.
/// scripts/test installs its packages (npm ci in tests/) before the suite runs.
/// </summary>
public sealed class OidcProvider : IAsyncDisposable
{
    public sealed record Client(string ClientId, string ClientSecret, IReadOnlyList<string> RedirectUris);

    private readonly StringBuilder _log = new();
    private Process? _process;

    private OidcProvider(int port) => Port = port;

    public int Port { get; }
    public string Issuer => $"http://127.0.0.1:{Port}";

    public static async Task<OidcProvider> StartAsync(params Client[] clients)
    {
        for (var attempt = 1; ; attempt++)
        {
            var provider = new OidcProvider(FreePort());
            if (await provider.TryStartAsync(clients)) return provider;
            var log = provider.Log;
            await provider.DisposeAsync();
            if (attempt == 3) throw new InvalidOperationException($"The OpenID provider did not start:\n{log}");
        }
    }

    public string Log
    {
        get
        {
            lock (_log) return _log.ToString();
        }
    }

    private async Task<bool> TryStartAsync(Client[] clients)
    {
        var folder = Path.Combine(Repository.Root, "tests", "OidcProvider");
        var start = new ProcessStartInfo("node") { WorkingDirectory = folder, RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("provider.mjs");
        start.Environment["PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["CLIENTS"] = JsonSerializer.Serialize(clients.Select(c => new
        {
            client_id = c.ClientId, client_secret = c.ClientSecret, redirect_uris = c.RedirectUris,
        }));
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) =>
        {
            lock (_log) _log.AppendLine(e.Data);
            if (e.Data?.StartsWith("listening ", StringComparison.Ordinal) == true) ready.TrySetResult();
        };
        _process.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.EnableRaisingEvents = true;
        _process.Exited += (_, _) => ready.TrySetResult();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return !_process.HasExited;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is null) return;
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}

/// <summary>The checkout's root folder, found from the test assembly's location.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Roster.slnx"))) return folder.FullName;
        throw new InvalidOperationException("Roster.slnx was not found above " + AppContext.BaseDirectory);
    }
}
