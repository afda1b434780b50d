using System.Net;
using System.Net.Mail;

namespace Roster.Mail;

/// <summary>Delivers through the SMTP relay in <c>Mail:Smtp</c>.</summary>
public sealed class SmtpTransport(MailOptions options) : MailTransport(options)
{
    public override async Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var smtp = Options.Smtp;
        // A client per message: SmtpClient is not thread-safe, and the dispatcher sends a few messages at once.
        using var client = new SmtpClient(smtp.Host, smtp.Port)
        {
            DeliveryMethod = SmtpDeliveryMethod.Network,
            EnableSsl = smtp.EnableSsl,
        };
        if (!string.IsNullOrEmpty(smtp.Username))
            client.Credentials = new NetworkCredential(smtp.Username, smtp.Password);
        using var mail = ToMailMessage(message);
        await client.SendMailAsync(mail, ct);
    }
}
