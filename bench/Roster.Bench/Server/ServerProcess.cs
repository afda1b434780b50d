using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Roster.Bench.Server;

/// <summary>
/// Roster.Web as a child process (<c>dotnet Roster.Web.dll</c>) on a free loopback port, configured only by
/// environment variables, so its memory is its own and can be read from /proc. Killed on dispose.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private ServerProcess(Process process, StreamWriter log, Uri baseAddress)
    {
        _process = process;
        _log = log;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }
    public int Id => _process.Id;
    public string LogPath => ((FileStream)_log.BaseStream).Name;

    public static async Task<ServerProcess> StartAsync(
        string dll, IReadOnlyDictionary<string, string> settings, string logPath, CancellationToken ct)
    {
        if (!File.Exists(dll))
            throw new FileNotFoundException($"{dll} does not exist: build Roster first (dotnet build Roster.slnx -c Release).", dll);
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = ContentRoot(dll),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        start.Environment["Urls"] = baseAddress.ToString();
        // Console logging is slow enough to skew a load test; warnings and errors still reach the log file.
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, log, baseAddress);
        try
        {
            await server.WaitUntilHealthyAsync(TimeSpan.FromMinutes(2), ct);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Resident memory now, from /proc/&lt;pid&gt;/status (VmRSS), in bytes; 0 once the process is gone.</summary>
    public long ResidentBytes()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            {
                if (!line.StartsWith("VmRSS:", StringComparison.Ordinal)) continue;
                var kilobytes = line["VmRSS:".Length..].Trim().Split(' ')[0];
                return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
            }
        }
        catch (IOException)
        {
        }
        return 0;
    }

    /// <summary>
    /// CPU time the server has used so far (user and system, all threads), from /proc/&lt;pid&gt;/stat; zero once
    /// the process is gone. Per request, it measures the server's own cost whatever else the machine is doing.
    /// </summary>
    public TimeSpan CpuTime()
    {
        try
        {
            return TimeSpan.FromSeconds(CpuTicks($"/proc/{_process.Id}/stat") / (double)ClockTicksPerSecond);
        }
        catch (IOException)
        {
            return TimeSpan.Zero;
        }
    }

    /// <summary>
    /// CPU time the runtime's tiered-compilation thread has used so far: what it spends recompiling the methods that
    /// turned hot into their optimized code. Zero when the thread is not found (or the process is gone).
    /// </summary>
    public TimeSpan RecompilingCpuTime()
    {
        long ticks = 0;
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{_process.Id}/task"))
            {
                // The kernel keeps 15 characters of ".NET Tiered Compilation Worker".
                if (!File.ReadAllText(Path.Combine(task, "comm")).StartsWith(".NET Tiered Com", StringComparison.Ordinal)) continue;
                ticks += CpuTicks(Path.Combine(task, "stat"));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return TimeSpan.FromSeconds(ticks / (double)ClockTicksPerSecond);
    }

    /// <summary>User and system CPU ticks from a process's or a thread's <c>stat</c> file.</summary>
    private static long CpuTicks(string statPath)
    {
        var stat = File.ReadAllText(statPath);
        // The command name (field 2) may hold spaces, so fields are counted from the ')' that closes it.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    // USER_HZ: 100 on every Linux build .NET runs on.
    private const int ClockTicksPerSecond = 100;

    public string LogTail(int lines) => string.Join(Environment.NewLine, File.ReadLines(LogPath).TakeLast(lines));

    private async Task WaitUntilHealthyAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"Roster exited with code {_process.ExitCode} while starting:{Environment.NewLine}{LogTail(30)}");
            try
            {
                using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative), ct);
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
            }
            await Task.Delay(200, ct);
        }
        throw new TimeoutException($"Roster did not answer /healthz with 200 within {timeout}:{Environment.NewLine}{LogTail(30)}");
    }

    /// <summary>A published folder has its wwwroot beside the dll; a build output serves the project's, as dotnet run does.</summary>
    private static string ContentRoot(string dll)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(dll))!;
        return Directory.Exists(Path.Combine(folder, "wwwroot")) ? folder : Path.GetFullPath(Path.Combine(folder, "../../.."));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null) return;
        lock (log)
        {
            if (log.BaseStream is not null) log.WriteLine(line); // null once disposed, when the last lines race the kill
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }
        _process.Dispose();
        lock (_log) _log.Dispose();
    }
}
