using System.Text;

namespace Roster.Mail;

/// <summary>
/// Writes each message as <c>&lt;message-id&gt;.eml</c> into <c>Mail:PickupDirectory</c>, for installations without
/// an SMTP relay (a local MTA or an operator picks the files up).
/// </summary>
public sealed class PickupDirectoryTransport(MailOptions options) : MailTransport(options)
{
    private string Folder => Path.GetFullPath(Options.PickupDirectory);

    public override async Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        // Writing into a private staging folder and renaming gives readers only complete files, and naming by
        // Message-ID makes a retry overwrite its earlier copy instead of adding a duplicate.
        var staging = Path.Combine(Folder, ".staging");
        Directory.CreateDirectory(staging);
        var written = Path.Combine(staging, Guid.NewGuid().ToString("N") + ".eml");
        try
        {
            await using (var file = File.Create(written))
                await ToMimeMessage(message).WriteToAsync(file, ct);
            File.Move(written, Path.Combine(Folder, FileName(message.MessageId)), overwrite: true);
        }
        finally
        {
            File.Delete(written);
        }
    }

    public static string FileName(string messageId)
    {
        var name = new StringBuilder(messageId.Length + 4);
        foreach (var c in messageId.Trim('<', '>'))
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '@' or '.' or '-' or '_' ? c : '_');
        return name.Append(".eml").ToString();
    }
}
