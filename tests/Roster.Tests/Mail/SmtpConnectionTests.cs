using System.Net;
using System.Net.Sockets;
using Roster.Mail;

namespace Roster.Tests.Mail;

/// <summary>The SMTP transport keeps its connections open between messages, and gets over one the relay closed.</summary>
public sealed class SmtpConnectionTests(SmtpServerFixture smtp) : IClassFixture<SmtpServerFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public Task InitializeAsync()
    {
        smtp.Clear();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Send_ManyMessagesOneAfterAnother_UsesOneConnection()
    {
        await using var transport = new SmtpTransport(OutboxHarness.Smtp(smtp.Port));

        for (var i = 0; i < 5; i++)
            await transport.SendAsync(OutboxMessage.Create($"reader{i}@example.com", $"Note {i}", "Hello", DateTimeOffset.UtcNow), default);

        var received = await smtp.WaitForMessagesAsync(5, Patience);
        received.Count.ShouldBe(5);
        Connections(received).ShouldBe(1);
    }

    /// <summary>
    /// How many connections delivered <paramref name="received"/>: the SMTP server notes each message's peer (address
    /// and port) in X-Peer. Counted there rather than at the relay, which any process on the machine could reach: a
    /// test elsewhere that tries a port it found free, to see a connection refused, may find the relay listening on it.
    /// </summary>
    private static int Connections(IEnumerable<ReceivedMail> received) => received.Select(m => m.Headers["X-Peer"]).Distinct().Count();

    [Fact]
    public async Task Send_AfterTheRelayClosedTheConnection_DeliversOnANewOne()
    {
        await using var relay = ClosingRelay.Start(smtp.Port);
        await using var transport = new SmtpTransport(OutboxHarness.Smtp(relay.Port));
        await transport.SendAsync(OutboxMessage.Create("first@example.com", "First", "Hello", DateTimeOffset.UtcNow), default);

        relay.CloseAll();
        await transport.SendAsync(OutboxMessage.Create("second@example.com", "Second", "Hello", DateTimeOffset.UtcNow), default);

        var received = await smtp.WaitForMessagesAsync(2, Patience);
        received.Select(m => m.To).Order().ShouldBe(["first@example.com", "second@example.com"]);
        Connections(received).ShouldBe(2);
    }

    /// <summary>A TCP relay on loopback in front of the SMTP server, which can close every connection through it at once.</summary>
    private sealed class ClosingRelay : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly List<TcpClient> _open = [];
        private readonly int _target;

        private ClosingRelay(int target) => _target = target;

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public static ClosingRelay Start(int target)
        {
            var relay = new ClosingRelay(target);
            relay._listener.Start();
            _ = relay.AcceptAsync();
            return relay;
        }

        public void CloseAll()
        {
            lock (_open)
            {
                foreach (var client in _open) client.Dispose();
                _open.Clear();
            }
        }

        private async Task AcceptAsync()
        {
            while (true)
            {
                TcpClient incoming;
                try
                {
                    incoming = await _listener.AcceptTcpClientAsync();
                }
                catch (Exception e) when (e is ObjectDisposedException or SocketException)
                {
                    return;
                }

                var outgoing = new TcpClient();
                await outgoing.ConnectAsync(IPAddress.Loopback, _target);
                lock (_open) _open.AddRange([incoming, outgoing]);
                _ = PumpAsync(incoming, outgoing);
                _ = PumpAsync(outgoing, incoming);
            }
        }

        private static async Task PumpAsync(TcpClient from, TcpClient to)
        {
            try
            {
                await from.GetStream().CopyToAsync(to.GetStream());
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException or InvalidOperationException)
            {
                // One side closed: the other follows.
            }

            from.Dispose();
            to.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            _listener.Stop();
            CloseAll();
            return ValueTask.CompletedTask;
        }
    }
}
