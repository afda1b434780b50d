namespace Roster.Users;

/// <summary>
/// One member's searchable text: name, email and id on separate lines, indexed by trigrams (an FTS5 table on
/// SQLite, a pg_trgm index on PostgreSQL) so that <c>search=</c> finds a substring without reading every member.
/// Database triggers on <c>memberships</c> write it; Roster only reads it.
/// </summary>
public sealed class MemberSearchEntry
{
    public required string AccountId { get; init; }
    public required string UserId { get; init; }
    public required string Text { get; init; }
}
