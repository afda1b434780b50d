namespace Roster.Audit;

/// <summary>
/// An account entry's searchable text (actor id and name, object id and name, changes) in SQLite's FTS5 trigram
/// index, found by the entry's id. The index reads the text from <c>audit_entries</c> itself (an external-content
/// table over a view), so the text is not stored twice. Database triggers write it; Roster only reads it.
/// PostgreSQL indexes the columns with pg_trgm instead.
/// </summary>
public sealed class AuditSearchEntry
{
    public long Id { get; init; }
    public required string Text { get; init; }
}
