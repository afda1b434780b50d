using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Roster.Bench.Server;

/// <summary>
/// A minimal SMTP server on loopback that accepts every message and remembers who it was for: enough of RFC 5321
/// (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), all that Roster's outbox (MailKit) sends to a server that offers no extensions.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, int> _deliveries = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<Task, bool> _sessions = new();
    private readonly Task _accepting;
    private long _messages;
    private long _lastMessageAt;

    public SmtpSink()
    {
        _listener.Start(backlog: 512);
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Messages accepted (each counted once, whatever its number of recipients).</summary>
    public long Messages => Interlocked.Read(ref _messages);

    /// <summary>When the last message was accepted, as a <see cref="Stopwatch.GetTimestamp"/> (0 before the first).</summary>
    public long LastMessageAt => Interlocked.Read(ref _lastMessageAt);

    /// <summary>How many messages each recipient address was handed.</summary>
    public int DeliveriesTo(string address) => _deliveries.GetValueOrDefault(address);

    public IReadOnlyCollection<string> Recipients => [.. _deliveries.Keys];

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var session = ServeAsync(client);
                _sessions[session] = true;
                _ = session.ContinueWith(t => _sessions.TryRemove(t, out _), TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            await using var stream = client.GetStream();
            // Latin-1 maps every byte to one char, so nothing a client sends can fail to decode.
            using var reader = new StreamReader(stream, Encoding.Latin1);
            await using var writer = new StreamWriter(stream, Encoding.Latin1) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 roster-bench ESMTP ready");
            var recipients = new List<string>();
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var verb = (line.Length >= 4 ? line[..4] : line).ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteAsync("250-roster-bench\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n");
                        break;
                    case "HELO" or "NOOP":
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "MAIL" or "RSET":
                        recipients.Clear();
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "RCPT":
                        recipients.Add(Address(line));
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        while (await reader.ReadLineAsync(_stop.Token) is { } data && data != ".")
                        {
                        }
                        foreach (var recipient in recipients) _deliveries.AddOrUpdate(recipient, 1, (_, n) => n + 1);
                        recipients.Clear();
                        Interlocked.Increment(ref _messages);
                        Interlocked.Exchange(ref _lastMessageAt, Stopwatch.GetTimestamp());
                        await writer.WriteLineAsync("250 OK queued");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 Command not implemented");
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            // The client hung up or the sink is stopping: what was accepted is already counted.
        }
    }

    /// <summary>"RCPT TO:&lt;someone@example.com&gt;" gives someone@example.com.</summary>
    private static string Address(string line)
    {
        var open = line.IndexOf('<', StringComparison.Ordinal);
        var close = line.LastIndexOf('>');
        return open >= 0 && close > open ? line[(open + 1)..close] : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        await Task.WhenAll(_sessions.Keys);
        _stop.Dispose();
    }
}
