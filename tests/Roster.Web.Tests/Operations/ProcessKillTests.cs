using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Roster.Tests.Infrastructure;
using Roster.Web;

namespace Roster.Tests.Operations;

/// <summary>Roster as its own process, killed without warning: what it acknowledged must still be there.</summary>
public sealed class ProcessKillTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    // What the server wrote, so a server that never answers explains itself in the failure.
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task AcknowledgedChanges_SurviveAKill9()
    {
        var port = FreePort();
        var names = new List<string>();
        using (var first = Start(port))
        {
            var admin = await SignInAsync(port);
            for (var i = 0; i < 5; i++)
            {
                var name = $"Durable {i}";
                await (await admin.PostJsonAsync("/public/v1/accounts", new { name })).ExpectAsync(HttpStatusCode.Created);
                names.Add(name);
            }
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }

        using var second = Start(port);
        try
        {
            var admin = await SignInAsync(port);
            var accounts = await (await admin.GetAsync("/public/v1/accounts?like(name,Durable*)&ordering(name)")).ExpectAsync(HttpStatusCode.OK);
            accounts.AsArray().Select(a => a!["name"]!.GetValue<string>()).ShouldBe(names);
        }
        finally
        {
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync();
        }
    }

    private Process Start(int port)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(RosterApp).Assembly.Location);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var (key, value) in _database.Settings)
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        start.Environment["Bootstrap__AdminEmail"] = RosterServer.AdminEmail;
        start.Environment["Bootstrap__AdminPassword"] = RosterServer.AdminPassword;
        start.Environment["Bootstrap__AccountName"] = RosterServer.AccountName;
        start.Environment["Bootstrap__AccountRole"] = "vendor";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task<HttpClient> SignInAsync(int port)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        // Generous: a cold start builds the model and migrates, and a busy machine may take its time.
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (true)
        {
            try
            {
                if ((await client.GetAsync("/healthz")).IsSuccessStatusCode) break;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            if (DateTime.UtcNow >= deadline)
                throw new TimeoutException($"Roster did not start. Its output ended with:\n{string.Join('\n', _output.TakeLast(40))}");
            await Task.Delay(100);
        }
        await (await client.PostJsonAsync("/public/v1/auth/login", new { email = RosterServer.AdminEmail, password = RosterServer.AdminPassword }))
            .ExpectAsync(HttpStatusCode.Created);
        return client;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
