namespace Roster.Audit;

/// <summary>One recorded change or security event. Append-only: nothing in the app updates or deletes entries.</summary>
public class AuditEntry
{
    public long Id { get; init; }
    public DateTimeOffset At { get; init; }
    public string? AccountId { get; init; }
    public required string ActorType { get; init; }
    public required string ActorId { get; init; }
    public required string ActorName { get; init; }
    public AuditAction Action { get; init; }
    public required string ObjectType { get; init; }
    public required string ObjectId { get; init; }
    public string? ObjectName { get; init; }
    public string? Changes { get; init; }
    public string? Ip { get; init; }
    public string? UserAgent { get; init; }
}
