using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Common;
using Roster.Data;

namespace Roster.Audit;

/// <summary>Adds audit entries to the unit of work of the change they describe, so both commit or neither does.</summary>
public static class AuditLog
{
    public static void Record(
        this RosterDbContext db, Actor actor, AuditAction action, string objectType, string objectId,
        string? objectName, DateTimeOffset at, string? accountId = null, object? changes = null)
    {
        db.AuditEntries.Add(new AuditEntry
        {
            At = at,
            AccountId = accountId ?? actor.AccountId,
            ActorType = actor.Kind.ToString().ToLowerInvariant(),
            ActorId = actor.Id,
            ActorName = actor.Name,
            Action = action,
            ObjectType = objectType,
            ObjectId = objectId,
            ObjectName = objectName,
            Changes = changes is null ? null : AuditChanges.Serialize(changes),
            Ip = actor.Ip,
            // The column's limit; a client may send any length.
            UserAgent = actor.UserAgent is { Length: > 512 } agent ? agent[..512] : actor.UserAgent,
        });
    }

    /// <summary>
    /// Records something that happened to a user themself (a failed sign-in, their password, their second factor,
    /// their profile): once with no account, for the user's own history, and once on the trail of every account the
    /// user is an active member of, so each account's administrators see it happen to their member.
    /// </summary>
    public static async Task RecordPersonalAsync(
        this RosterDbContext db, Actor actor, AuditAction action, string userId, string? userName, DateTimeOffset at,
        object? changes, CancellationToken ct)
    {
        var personal = actor with { AccountId = null };
        db.Record(personal, action, "user", userId, userName, at, changes: changes);
        var accounts = await db.Memberships
            .Where(m => m.UserId == userId && m.Status == MembershipStatus.Active)
            .Select(m => m.AccountId).ToListAsync(ct);
        foreach (var accountId in accounts.Order(StringComparer.Ordinal))
            db.Record(personal, action, "user", userId, userName, at, accountId, changes);
    }
}
