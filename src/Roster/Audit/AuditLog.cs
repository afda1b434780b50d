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
    /// their profile, their sessions) in their own history only. No account's trail shows it: an account learns
    /// about a person only what happens in that account (ADR 0009).
    /// </summary>
    public static void RecordPersonal(
        this RosterDbContext db, Actor actor, AuditAction action, string userId, string? userName, DateTimeOffset at, object? changes = null) =>
        db.Record(actor with { AccountId = null }, action, "user", userId, userName, at, changes: changes);
}
