using System.Net;
using System.Net.Sockets;

namespace Roster.Web.Tests.Infrastructure;

/// <summary>
/// A mail server that accepts connections and never says a word: a node delivering to it holds its claimed messages
/// in the middle of sending them, which is where a kill or a SIGTERM has the most to lose.
/// </summary>
public sealed class SilentSmtpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _held = [];
    private readonly CancellationTokenSource _stop = new();

    public SilentSmtpServer()
    {
        _listener.Start();
        _ = HoldConnectionsAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    private async Task HoldConnectionsAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                lock (_held) _held.Add(client);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_held) foreach (var client in _held) client.Dispose();
        _stop.Dispose();
    }
}
