using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Roster.Web.Tests.Infrastructure;

/// <summary>
/// A real DNS server on a loopback UDP port that answers TXT questions from records a test publishes and withdraws
/// while it runs, as a domain owner would at their DNS host. Anything else it does not know is NXDOMAIN. Roster is
/// pointed at it with <c>Sso:DnsServers</c>, never by changing the machine's resolver.
/// </summary>
public sealed class DnsServer : IAsyncDisposable
{
    private const ushort Txt = 16;
    private readonly UdpClient _socket = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly ConcurrentDictionary<string, string[]> _records = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    public DnsServer() => _serving = ServeAsync();

    /// <summary>"127.0.0.1:port", as <c>Sso:DnsServers</c> takes it.</summary>
    public string Address => $"127.0.0.1:{((IPEndPoint)_socket.Client.LocalEndPoint!).Port}";

    /// <summary>The questions answered so far, by name.</summary>
    public ConcurrentQueue<string> Questions { get; } = new();

    public void Publish(string name, params string[] texts) => _records[name.TrimEnd('.')] = texts;

    public void Withdraw(string name) => _records.TryRemove(name.TrimEnd('.'), out _);

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult received;
            try
            {
                received = await _socket.ReceiveAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }
            if (Answer(received.Buffer) is { } answer)
                await _socket.SendAsync(answer, received.RemoteEndPoint, _stop.Token);
        }
    }

    /// <summary>The answer to one query (RFC 1035 4.1), or null for a packet that is no query.</summary>
    private byte[]? Answer(byte[] query)
    {
        if (query.Length < 17 || BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(4)) != 1) return null;
        var (name, end) = ReadName(query, 12);
        if (name is null || end + 4 > query.Length) return null;
        var type = BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(end));
        Questions.Enqueue(name);
        var texts = type == Txt && _records.TryGetValue(name, out var found) ? found : null;

        var answer = new List<byte>(query[..(end + 4)]);
        var flags = (ushort)(0x8400 | (query[2] & 0x01) << 8 | (texts is null && !_records.ContainsKey(name) ? 3 : 0));
        answer[2] = (byte)(flags >> 8);
        answer[3] = (byte)flags;
        answer[6] = 0;
        answer[7] = (byte)(texts?.Length ?? 0);
        answer[8] = answer[9] = answer[10] = answer[11] = 0;
        foreach (var text in texts ?? [])
        {
            var data = Strings(text);
            answer.AddRange([0xC0, 0x0C, 0, (byte)Txt, 0, 1, 0, 0, 0, 0, (byte)(data.Length >> 8), (byte)data.Length]);
            answer.AddRange(data);
        }
        return [.. answer];
    }

    /// <summary>A TXT record's text as character-strings of at most 255 bytes each.</summary>
    private static byte[] Strings(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var data = new List<byte>();
        for (var at = 0; at == 0 || at < bytes.Length; at += 255)
        {
            var length = Math.Min(255, bytes.Length - at);
            data.Add((byte)length);
            data.AddRange(bytes.AsSpan(at, length).ToArray());
        }
        return [.. data];
    }

    private static (string? Name, int End) ReadName(byte[] packet, int at)
    {
        var labels = new List<string>();
        while (at < packet.Length)
        {
            int length = packet[at++];
            if (length == 0) return (string.Join('.', labels), at);
            if (length > 63 || at + length > packet.Length) return (null, at);
            labels.Add(Encoding.ASCII.GetString(packet, at, length));
            at += length;
        }
        return (null, at);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        await _serving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }
}
