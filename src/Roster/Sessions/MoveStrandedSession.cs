using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Audit;
using Roster.Common;
using Roster.Data;

namespace Roster.Sessions;

/// <summary>
/// Why a session changed account: it was working in <paramref name="FromName"/> (null when unknown), which is gone
/// (<paramref name="FromDeleted"/>) or no longer the user's, and now works in <paramref name="To"/> (null: in none).
/// </summary>
public sealed record SessionMoved(string? FromName, bool FromDeleted, WorkingAccount? To);

/// <summary>
/// A session whose account the user no longer belongs to (removed by someone else, or the account was deleted) moves to
/// another of their accounts on its next request, so nobody is stranded on pages of an account they lost; a session
/// without an account moves into one as soon as the user has one. Leaving moves sessions at once (<c>LeaveAccount</c>).
/// </summary>
public sealed class MoveStrandedSession(RosterDbContext db, CheckedCredential credential)
{
    public async Task<SessionMoved?> HandleAsync(Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsUser || actor.SessionId is null) return null;
        var from = actor.AccountId;
        if (from is not null && credential.For(actor) is { Account: not null }) return null;
        if (from is not null && await db.Memberships.AnyAsync(m => m.AccountId == from && m.UserId == actor.Id && m.Status == MembershipStatus.Active, ct))
            return null;
        var next = await NextAccount.ForAsync(db, actor.Id, from, ct);
        if (from is null && next is null) return null;

        var (fromName, deleted) = await FormerAccountAsync(actor.Id, from, ct);
        // Only if no other request moved it first: the session keeps one answer and the user one message.
        var moved = await db.Sessions.Where(s => s.Id == actor.SessionId && s.AccountId == from)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.AccountId, next == null ? null : next.Id), ct);
        if (moved == 0) return null;
        if (next is not null)
            await db.Users.Where(u => u.Id == actor.Id && !db.Memberships.Any(m => m.UserId == actor.Id && m.AccountId == u.LastAccountId && m.Status == MembershipStatus.Active))
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.LastAccountId, next.Id), ct);
        return new SessionMoved(fromName, deleted, next);
    }

    /// <summary>
    /// The account the session was in. A deleted account took the session's reference with it; the user's last choice
    /// then names it, and the trail's entry of the deletion keeps its name.
    /// </summary>
    private async Task<(string? Name, bool Deleted)> FormerAccountAsync(string userId, string? accountId, CancellationToken ct)
    {
        if (accountId is not null)
        {
            var name = await db.Accounts.Where(a => a.Id == accountId).Select(a => a.Name).SingleOrDefaultAsync(ct);
            return name is null ? (await DeletedNameAsync(accountId, ct), true) : (name, false);
        }
        var last = await db.Users.Where(u => u.Id == userId).Select(u => u.LastAccountId).SingleOrDefaultAsync(ct);
        if (last is null || await db.Accounts.AnyAsync(a => a.Id == last, ct)) return (null, false);
        var deleted = await DeletedNameAsync(last, ct);
        return (deleted, deleted is not null);
    }

    private Task<string?> DeletedNameAsync(string accountId, CancellationToken ct) =>
        db.AuditEntries.Where(e => e.Action == AuditAction.AccountDeleted && e.ObjectType == "account" && e.ObjectId == accountId)
            .Select(e => e.ObjectName).FirstOrDefaultAsync(ct);
}
