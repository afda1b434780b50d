using System.Collections.Concurrent;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Roster.Mail;

/// <summary>
/// Delivers through the SMTP relay in <c>Mail:Smtp</c> over connections kept open between messages, since the
/// handshake (and any TLS and authentication) was most of what a message cost. A send takes an idle connection or opens
/// one, and gives it back once the server accepted the message; a connection that failed is closed, never reused. One
/// idle a while is checked with NOOP first, as relays close quiet connections.
/// </summary>
public sealed class SmtpTransport(MailOptions options) : MailTransport(options), IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan CheckAfterIdle = TimeSpan.FromSeconds(10);

    private readonly ConcurrentBag<(SmtpClient Client, long IdleSince)> _idle = [];

    public override async Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var mail = ToMimeMessage(message);
        var (client, reused) = await TakeAsync(ct);
        try
        {
            await client.SendAsync(mail, ct);
        }
        catch (Exception e) when (reused && IsConnectionLost(e))
        {
            // The relay closed a connection that looked open; the same message on a new one. Should the relay have
            // taken it before the line dropped, the receiver sees the same Message-ID twice and can drop one.
            client.Dispose();
            client = await OpenAsync(ct);
            await SendOnAsync(client, mail, ct);
        }
        catch
        {
            client.Dispose();
            throw;
        }

        _idle.Add((client, Environment.TickCount64));
    }

    private static async Task SendOnAsync(SmtpClient client, MimeKit.MimeMessage mail, CancellationToken ct)
    {
        try
        {
            await client.SendAsync(mail, ct);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static bool IsConnectionLost(Exception e) =>
        e is IOException or System.Net.Sockets.SocketException or ServiceNotConnectedException or SmtpProtocolException;

    private async Task<(SmtpClient Client, bool Reused)> TakeAsync(CancellationToken ct)
    {
        while (_idle.TryTake(out var idle))
        {
            if (await StillOpenAsync(idle.Client, idle.IdleSince, ct)) return (idle.Client, true);
            idle.Client.Dispose();
        }

        return (await OpenAsync(ct), false);
    }

    private async Task<SmtpClient> OpenAsync(CancellationToken ct)
    {
        var smtp = Options.Smtp;
        var client = new SmtpClient();
        try
        {
            // Enable SSL means TLS before anything is sent: at once on the submission port 465, else through STARTTLS.
            var security = !smtp.EnableSsl ? SecureSocketOptions.None
                : smtp.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
            await client.ConnectAsync(smtp.Host!, smtp.Port, security, ct);
            if (!string.IsNullOrEmpty(smtp.Username)) await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", ct);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static async Task<bool> StillOpenAsync(SmtpClient client, long idleSince, CancellationToken ct)
    {
        if (!client.IsConnected) return false;
        if (Environment.TickCount64 - idleSince < CheckAfterIdle.TotalMilliseconds) return true;
        try
        {
            await client.NoOpAsync(ct);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryTake(out var idle))
        {
            try
            {
                await idle.Client.DisconnectAsync(quit: true);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Closing anyway: the server may have gone first.
            }

            idle.Client.Dispose();
        }
    }

    /// <summary>Closes the idle connections without the goodbye, for a container disposed synchronously.</summary>
    public void Dispose()
    {
        while (_idle.TryTake(out var idle)) idle.Client.Dispose();
    }
}
