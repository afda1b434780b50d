using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Roster.Data;
using Roster.Mail;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Operations;

/// <summary>
/// A node that dies or is stopped while delivering mail, with another node on the same database: every acknowledged
/// mail still goes out, once.
/// </summary>
public sealed class NodeDeathTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private TestDatabase _database = null!;
    private SmtpServerFixture _smtp = null!;
    private ServiceProvider _data = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _smtp = await SmtpServerFixture.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_database.Settings).Build();
        _data = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Warning)).AddRoster(configuration).BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _data.DisposeAsync();
        await ((IAsyncDisposable)_smtp).DisposeAsync();
        await _database.DisposeAsync();
    }

    private static KeyValuePair<string, string?>[] MailTo(int port) =>
    [
        new("Mail:Smtp:Host", "127.0.0.1"),
        new("Mail:Smtp:Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Mail:PollInterval", "00:00:01"),
    ];

    [Fact]
    public async Task MailClaimedByANodeKilledMidDelivery_GoesOutFromAnotherNodeWithinAMinuteOfTheKill_Once()
    {
        using var silent = new SilentSmtpServer();
        await using var node = RosterProcess.Start(_database, MailTo(silent.Port));
        var (admin, _) = await node.SignInAsync();
        var (accountId, groupId) = await AccountAndGroupAsync(admin);
        for (var i = 0; i < 10; i++)
            await (await admin.PostJsonAsync($"/public/v1/accounts/{accountId}/users", Invitation(groupId))).ExpectAsync(HttpStatusCode.Created);
        await WaitUntilClaimedAsync();

        await node.KillAsync();
        var killed = DateTimeOffset.UtcNow;

        var clock = new MovableClock(killed);
        var other = await RosterServer.StartAsync(_database, clock, MailTo(_smtp.Port));
        try
        {
            clock.Advance(TimeSpan.FromSeconds(55));
            await other.Services.GetRequiredService<OutboxDispatcher>().DispatchOnceAsync(default);

            var rows = await OutboxAsync();
            rows.Count.ShouldBe(10);
            rows.ShouldAllBe(m => m.SentAt != null, "each mail is sent within a minute of the kill");
            var received = await _smtp.WaitForMessagesAsync(10, Patience);
            received.Select(m => m.MessageId).Order().ShouldBe(rows.Select(m => m.MessageId).Order());
        }
        finally
        {
            await other.StopAsync();
            await other.DisposeAsync();
        }
    }

    [Fact]
    public async Task Sigterm_WithRequestsInFlight_AnswersEveryOne_AndTheMailItHeldGoesOutFromAnotherNodeAtOnce()
    {
        using var silent = new SilentSmtpServer();
        await using var node = RosterProcess.Start(_database, MailTo(silent.Port));
        var (admin, cookies) = await node.SignInAsync();
        var (accountId, groupId) = await AccountAndGroupAsync(admin);
        for (var i = 0; i < 5; i++)
            await (await admin.PostJsonAsync($"/public/v1/accounts/{accountId}/users", Invitation(groupId))).ExpectAsync(HttpStatusCode.Created);
        await WaitUntilClaimedAsync();
        // Fifty invitations whose requests Roster has begun to read (it asked for their bodies) when the signal comes.
        var cookie = cookies.GetCookieHeader(node.BaseAddress);
        var inFlight = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ =>
            HeldRequest.OpenAsync(node.Port, $"/public/v1/accounts/{accountId}/users", cookie, JsonSerializer.Serialize(Invitation(groupId)))));

        await node.TerminateAsync();
        await node.WaitUntilNotAcceptingAsync();
        var answers = await Task.WhenAll(inFlight.Select(r => r.FinishAsync()));
        await node.WaitForExitAsync();

        answers.ShouldAllBe(status => status == (int)HttpStatusCode.Created);
        node.ExitCode.ShouldBe(0, node.RecentOutput);
        var held = await OutboxAsync();
        held.Count.ShouldBe(55);
        held.ShouldAllBe(m => m.SentAt == null && m.ClaimedBy == null, "a stopping node hands its claims back");

        // The other node's clock stands at the stop: nothing waits for a lease to run out.
        var other = await RosterServer.StartAsync(_database, new MovableClock(DateTimeOffset.UtcNow), MailTo(_smtp.Port));
        try
        {
            await other.Services.GetRequiredService<OutboxDispatcher>().DispatchOnceAsync(default);

            var rows = await OutboxAsync();
            rows.ShouldAllBe(m => m.SentAt != null);
            var received = await _smtp.WaitForMessagesAsync(55, Patience);
            received.Select(m => m.MessageId).Order().ShouldBe(rows.Select(m => m.MessageId).Order());
        }
        finally
        {
            await other.StopAsync();
            await other.DisposeAsync();
        }
    }

    private static object Invitation(string groupId) =>
        new { name = "Nell Node", email = $"nell-{Guid.NewGuid():N}@nodes.test", groups = new[] { new { id = groupId } } };

    private static async Task<(string AccountId, string GroupId)> AccountAndGroupAsync(HttpClient admin)
    {
        var accountId = await admin.ActiveAccountIdAsync();
        var groups = await (await admin.GetAsync($"/public/v1/accounts/{accountId}/groups")).ExpectAsync(HttpStatusCode.OK);
        return (accountId, groups.AsArray()[0]!["id"]!.GetValue<string>());
    }

    /// <summary>Waits until the node has claimed mail and is in the middle of handing it to the silent server.</summary>
    private async Task WaitUntilClaimedAsync()
    {
        var deadline = DateTime.UtcNow + Patience;
        while ((await OutboxAsync()).All(m => m.ClaimedBy is null))
        {
            if (DateTime.UtcNow >= deadline) throw new TimeoutException("The node never claimed its mail.");
            await Task.Delay(20);
        }
    }

    private async Task<List<OutboxMessage>> OutboxAsync()
    {
        await using var scope = _data.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RosterDbContext>().Outbox.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
    }

    /// <summary>
    /// An HTTP/1.1 request sent up to its headers with <c>Expect: 100-continue</c>: once Roster answers 100 Continue, the
    /// request is inside the application, reading its body, and stays there until the test sends it.
    /// </summary>
    private sealed class HeldRequest(TcpClient connection, byte[] body)
    {
        public static async Task<HeldRequest> OpenAsync(int port, string path, string cookie, string json)
        {
            var connection = new TcpClient();
            await connection.ConnectAsync(IPAddress.Loopback, port);
            var body = Encoding.UTF8.GetBytes(json);
            var head = $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nCookie: {cookie}\r\nContent-Type: application/json\r\n" +
                       $"Content-Length: {body.Length}\r\nExpect: 100-continue\r\n\r\n";
            await connection.GetStream().WriteAsync(Encoding.ASCII.GetBytes(head));
            (await ReadHeadAsync(connection.GetStream())).ShouldStartWith("HTTP/1.1 100");
            return new HeldRequest(connection, body);
        }

        /// <summary>Sends the body and returns the status of the answer.</summary>
        public async Task<int> FinishAsync()
        {
            using (connection)
            {
                await connection.GetStream().WriteAsync(body);
                var head = await ReadHeadAsync(connection.GetStream());
                return int.Parse(head.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        private static async Task<string> ReadHeadAsync(NetworkStream stream)
        {
            using var patience = new CancellationTokenSource(Patience);
            var head = new StringBuilder();
            var one = new byte[1];
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
            {
                if (await stream.ReadAsync(one, patience.Token) == 0)
                    throw new IOException($"The connection closed without an answer; read so far: {head}");
                head.Append((char)one[0]);
            }
            return head.ToString();
        }
    }
}
