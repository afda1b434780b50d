using System.Diagnostics;
using System.Net;
using System.Net.Mail;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Roster.Testing;

/// <summary>
/// A real SMTP server for tests: Debian's aiosmtpd on 127.0.0.1, storing every accepted message in a maildir.
/// Use it as <c>IClassFixture&lt;SmtpServerFixture&gt;</c> (a free port, started once per class; call <see cref="Clear"/>
/// between tests) or start one per test with <c>await using var smtp = await SmtpServerFixture.StartAsync();</c>.
/// </summary>
public sealed class SmtpServerFixture : IAsyncLifetime, IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "roster-tests", "smtp-" + Guid.NewGuid().ToString("N"));
    private readonly StringBuilder _log = new();
    private readonly int? _requestedPort;
    private Process? _process;

    public SmtpServerFixture() { }

    private SmtpServerFixture(int? port) => _requestedPort = port;

    public string Host { get; } = "127.0.0.1";
    public int Port { get; private set; }

    /// <summary>Starts a server on <paramref name="port"/>, or on a free port when null; returns once it accepts connections.</summary>
    public static async Task<SmtpServerFixture> StartAsync(int? port = null)
    {
        var server = new SmtpServerFixture(port);
        await server.InitializeAsync();
        return server;
    }

    /// <summary>A port nothing listens on right now: an SMTP server that is down, or one to start later.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task InitializeAsync()
    {
        foreach (var folder in new[] { "cur", "new", "tmp" }) Directory.CreateDirectory(Path.Combine(_directory, folder));
        // A free port can be taken between choosing and binding it; choose again then.
        for (var attempt = 1; ; attempt++)
        {
            Port = _requestedPort ?? FreePort();
            if (await TryStartAsync()) return;
            if (_requestedPort is not null || attempt == 3)
                throw new InvalidOperationException($"aiosmtpd did not start on port {Port}:\n{_log}");
        }
    }

    private async Task<bool> TryStartAsync()
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-m", "aiosmtpd", "-n", "-l", $"{Host}:{Port}", "-c", "aiosmtpd.handlers.Mailbox", _directory })
            start.ArgumentList.Add(arg);
        _process = Process.Start(start)!;
        _process.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.OutputDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(Host, Port);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        await StopAsync();
        return false;
    }

    /// <summary>Every message received so far, oldest first.</summary>
    public IReadOnlyList<ReceivedMail> Messages =>
        new DirectoryInfo(Path.Combine(_directory, "new")).GetFiles()
            .OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name)
            .Select(f => ReceivedMail.Parse(File.ReadAllText(f.FullName)))
            .ToList();

    /// <summary>Waits until at least <paramref name="count"/> messages have arrived and returns all of them.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> WaitForMessagesAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var messages = Messages;
            if (messages.Count >= count) return messages;
            if (DateTime.UtcNow >= deadline)
                throw new TimeoutException($"Expected {count} messages within {timeout}, received {messages.Count}.");
            await Task.Delay(50);
        }
    }

    /// <summary>Forgets the messages received so far.</summary>
    public void Clear()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(_directory, "new"))) File.Delete(file);
    }

    private async Task StopAsync()
    {
        if (_process is null) return;
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    async Task IAsyncLifetime.DisposeAsync() => await ((IAsyncDisposable)this).DisposeAsync();

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await StopAsync();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}

/// <summary>One message as it arrived: decoded headers and plain-text body (line ends as <c>\n</c>).</summary>
public sealed record ReceivedMail(string To, string Subject, string MessageId, string Body, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>Parses an RFC 822 message as aiosmtpd or a pickup directory stores it (UTF-8, quoted-printable or base64).</summary>
    public static ReceivedMail Parse(string raw)
    {
        var text = raw.Replace("\r\n", "\n");
        var split = text.IndexOf("\n\n", StringComparison.Ordinal);
        var (head, body) = split < 0 ? (text, "") : (text[..split], text[(split + 2)..]);

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in Regex.Replace(head, @"\n[ \t]+", " ").Split('\n'))
        {
            var colon = line.IndexOf(':');
            if (colon > 0) headers.TryAdd(line[..colon].Trim(), DecodeWords(line[(colon + 1)..].Trim()));
        }

        var encoding = headers.GetValueOrDefault("Content-Transfer-Encoding", "7bit").Trim().ToLowerInvariant();
        var bytes = encoding switch
        {
            "quoted-printable" => DecodeQuotedPrintable(body),
            "base64" => Convert.FromBase64String(Regex.Replace(body, @"\s", "")),
            _ => Encoding.UTF8.GetBytes(body),
        };
        var to = headers.GetValueOrDefault("To", "");
        return new ReceivedMail(
            MailAddress.TryCreate(to, out var address) ? address.Address : to,
            headers.GetValueOrDefault("Subject", ""),
            headers.GetValueOrDefault("Message-ID", ""),
            Encoding.UTF8.GetString(bytes).Replace("\r\n", "\n"),
            headers);
    }

    // RFC 2047 encoded words; the white space between two adjacent words is not part of the text.
    private static string DecodeWords(string value) =>
        Regex.Replace(Regex.Replace(value, @"(\?=)\s+(=\?)", "$1$2"), @"=\?([^?]+)\?([BbQq])\?([^?]*)\?=", m =>
        {
            var payload = m.Groups[3].Value;
            var bytes = m.Groups[2].Value is "B" or "b"
                ? Convert.FromBase64String(payload)
                : DecodeQuotedPrintable(payload.Replace('_', ' '));
            return Encoding.GetEncoding(m.Groups[1].Value).GetString(bytes);
        });

    private static byte[] DecodeQuotedPrintable(string text)
    {
        var unfolded = text.Replace("=\n", "");
        var bytes = new List<byte>(unfolded.Length);
        for (var i = 0; i < unfolded.Length; i++)
        {
            if (unfolded[i] == '=' && i + 2 < unfolded.Length && Uri.IsHexDigit(unfolded[i + 1]) && Uri.IsHexDigit(unfolded[i + 2]))
            {
                bytes.Add(Convert.ToByte(unfolded.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(unfolded[i].ToString()));
            }
        }
        return bytes.ToArray();
    }
}
