namespace Roster.Mail;

/// <summary>
/// A mail waiting to go out. Written in the same transaction as the change that caused it, so a change never
/// happens without its mail and a mail never goes out for a change that rolled back.
/// </summary>
public class OutboxMessage
{
    public long Id { get; init; }
    public required string MessageId { get; init; }
    public required string To { get; init; }
    public required string Subject { get; init; }
    public required string Body { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? LastError { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTimeOffset? ClaimedUntil { get; set; }

    public static OutboxMessage Create(string to, string subject, string body, DateTimeOffset now) => new()
    {
        MessageId = $"<{Guid.NewGuid():N}@roster>",
        To = to,
        Subject = subject,
        Body = body,
        CreatedAt = now,
        NextAttemptAt = now,
    };
}
