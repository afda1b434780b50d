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
        await using var relay = CountingRelay.Start(smtp.Port);
        await using var transport = new SmtpTransport(OutboxHarness.Smtp(relay.Port));

        for (var i = 0; i < 5; i++)
            await transport.SendAsync(OutboxMessage.Create($"reader{i}@example.com", $"Note {i}", "Hello", DateTimeOffset.UtcNow), default);

        (await smtp.WaitForMessagesAsync(5, Patience)).Count.ShouldBe(5);
        relay.Accepted.ShouldBe(1);
    }

    [Fact]
    public async Task Send_AfterTheRelayClosedTheConnection_DeliversOnANewOne()
    {
        await using var relay = CountingRelay.Start(smtp.Port);
        await using var transport = new SmtpTransport(OutboxHarness.Smtp(relay.Port));
        await transport.SendAsync(OutboxMessage.Create("first@example.com", "First", "Hello", DateTimeOffset.UtcNow), default);

        relay.CloseAll();
        await transport.SendAsync(OutboxMessage.Create("second@example.com", "Second", "Hello", DateTimeOffset.UtcNow), default);

        (await smtp.WaitForMessagesAsync(2, Patience)).Select(m => m.To).Order().ShouldBe(["first@example.com", "second@example.com"]);
        relay.Accepted.ShouldBe(2);
    }

    /// <summary>A TCP relay on loopback in front of the SMTP server that counts the connections it is asked for.</summary>
    private sealed class CountingRelay : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly List<TcpClient> _open = [];
        private readonly int _target;
        private int _accepted;

        private CountingRelay(int target) => _target = target;

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
        public int Accepted => Volatile.Read(ref _accepted);

        public static CountingRelay Start(int target)
        {
            var relay = new CountingRelay(target);
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

                Interlocked.Increment(ref _accepted);
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
