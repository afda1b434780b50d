namespace Roster.Audit;

/// <summary>
/// How many entries of one action an account's trail holds. Database triggers on <c>audit_entries</c> keep it exact
/// in the same transaction as every insert and purge, so the trail can tell its total without counting ten million
/// rows.
/// </summary>
public sealed class AuditCount
{
    public required string AccountId { get; init; }
    public AuditAction Action { get; init; }
    public long Count { get; init; }
}
