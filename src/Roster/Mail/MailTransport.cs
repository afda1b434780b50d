using System.Net.Mail;
using System.Net.Mime;
using System.Text;

namespace Roster.Mail;

/// <summary>Hands one outbox message to the world: an SMTP server or a pickup directory, chosen by configuration.</summary>
public abstract class MailTransport(MailOptions options)
{
    protected MailOptions Options { get; } = options;

    /// <summary>Throws when the message was not handed over; the dispatcher retries it later.</summary>
    public abstract Task SendAsync(OutboxMessage message, CancellationToken ct);

    public static MailTransport Create(MailOptions options) =>
        options.UsesSmtp ? new SmtpTransport(options) : new PickupDirectoryTransport(options);

    protected MailMessage ToMailMessage(OutboxMessage message)
    {
        var mail = new MailMessage(new MailAddress(Options.From), new MailAddress(message.To))
        {
            Subject = message.Subject,
            SubjectEncoding = Encoding.UTF8,
            // Text line breaks are CRLF in MIME (RFC 2046); the receiver gets the body in canonical form.
            Body = message.Body.ReplaceLineEndings("\r\n"),
            BodyEncoding = Encoding.UTF8,
            // 7-bit safe for relays without 8BITMIME, and mostly legible in a raw .eml, unlike base64.
            BodyTransferEncoding = TransferEncoding.QuotedPrintable,
            IsBodyHtml = false,
        };
        // The row's id, not a fresh one per attempt: if we crash after the server accepted the mail but before the
        // row is marked sent, the retry carries the same Message-ID and the receiver can drop the duplicate.
        mail.Headers.Add("Message-ID", message.MessageId);
        return mail;
    }
}
