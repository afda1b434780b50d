using Roster.Accounts;

namespace Roster.Users;

/// <summary>
/// How many members one account has in one status. Database triggers on <c>memberships</c> keep it exact in the
/// same transaction as every change, so the Users list can tell its total without counting a million rows.
/// </summary>
public sealed class MemberCount
{
    public required string AccountId { get; init; }
    public MembershipStatus Status { get; init; }
    public long Count { get; init; }
}
