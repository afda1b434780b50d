namespace Roster.Mail;

/// <summary>How Roster sends mail; bound from the <c>Mail</c> section.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    public string From { get; set; } = "Roster <roster@localhost>";

    /// <summary>Used when <see cref="SmtpSettings.Host"/> is set; otherwise mail goes to <see cref="PickupDirectory"/>.</summary>
    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>Where .eml files are written without SMTP. Defaults to <c>&lt;Database:DataDirectory&gt;/mail</c>.</summary>
    public string PickupDirectory { get; set; } = "";

    /// <summary>Deliveries tried before a message is given up (it stays in the outbox with its last error).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The longest a committed message waits when nobody pokes the <see cref="OutboxSignal"/>.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Smtp.Host);

    public sealed class SmtpSettings
    {
        public string? Host { get; set; }
        public int Port { get; set; } = 25;
        public string? Username { get; set; }
        public string? Password { get; set; }
        public bool EnableSsl { get; set; }

        /// <summary>
        /// Messages handed over at once, each on a connection of its own (with a pickup directory, files written at
        /// once). A local relay takes mail as fast as this process can format it, so more connections than cores
        /// gain nothing there; a distant one answers slowly, and more connections hide its latency.
        /// </summary>
        public int Connections { get; set; } = 4;
    }
}
