using System.Text;
using MimeKit;
using MimeKit.Text;

namespace Roster.Mail;

/// <summary>Hands one outbox message to the world: an SMTP server or a pickup directory, chosen by configuration.</summary>
public abstract class MailTransport(MailOptions options)
{
    protected MailOptions Options { get; } = options;

    /// <summary>Throws when the message was not handed over; the dispatcher retries it later.</summary>
    public abstract Task SendAsync(OutboxMessage message, CancellationToken ct);

    public static MailTransport Create(MailOptions options) =>
        options.UsesSmtp ? new SmtpTransport(options) : new PickupDirectoryTransport(options);

    protected MimeMessage ToMimeMessage(OutboxMessage message)
    {
        var body = new TextPart(TextFormat.Plain)
        {
            // 7-bit safe for relays without 8BITMIME, and mostly legible in a raw .eml, unlike base64.
            ContentTransferEncoding = ContentEncoding.QuotedPrintable,
        };
        // Text line breaks are CRLF in MIME (RFC 2046); the receiver gets the body in canonical form.
        body.SetText(Encoding.UTF8, message.Body.ReplaceLineEndings("\r\n"));
        var mail = new MimeMessage
        {
            Subject = message.Subject,
            Body = body,
            // The row's id, not a fresh one per attempt: if we crash after the server accepted the mail but before the
            // row is marked sent, the retry carries the same Message-ID and the receiver can drop the duplicate.
            MessageId = message.MessageId.Trim('<', '>'),
        };
        mail.From.Add(MailboxAddress.Parse(Options.From));
        mail.To.Add(MailboxAddress.Parse(message.To));
        return mail;
    }
}
