using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Common;
using Roster.Data;

namespace Roster.Security;

/// <summary>
/// What an actor may do in an account. Checked against the database on each call, so a permission taken away
/// takes effect on the next request.
/// </summary>
public static class Access
{
    public static Task<bool> IsMemberAsync(this RosterDbContext db, Actor actor, string accountId, CancellationToken ct = default) =>
        actor.Kind switch
        {
            ActorKind.Token => Task.FromResult(actor.AccountId == accountId),
            ActorKind.User => db.Memberships.AnyAsync(
                m => m.AccountId == accountId && m.UserId == actor.Id && m.Status == MembershipStatus.Active, ct),
            _ => Task.FromResult(false),
        };

    public static Task<bool> HasModuleAsync(this RosterDbContext db, Actor actor, string accountId, string moduleId, CancellationToken ct = default) =>
        actor.Kind switch
        {
            ActorKind.Token => actor.AccountId != accountId
                ? Task.FromResult(false)
                : db.TokenPermissions.AnyAsync(p => p.TokenId == actor.Id && p.ModuleId == moduleId, ct),
            ActorKind.User => (
                from member in db.GroupMembers
                join permission in db.GroupPermissions on member.GroupId equals permission.GroupId
                join membership in db.Memberships on new { member.AccountId, member.UserId } equals new { membership.AccountId, membership.UserId }
                where member.AccountId == accountId && member.UserId == actor.Id && permission.ModuleId == moduleId
                      && membership.Status == MembershipStatus.Active
                select permission).AnyAsync(ct),
            _ => Task.FromResult(false),
        };

    /// <summary>Answers "not found" for objects outside the caller's reach, so their existence is not revealed.</summary>
    public static async Task<Result> RequireModuleAsync(this RosterDbContext db, Actor actor, string accountId, string moduleId, CancellationToken ct = default)
    {
        if (!await db.IsMemberAsync(actor, accountId, ct)) return Error.NotFound("account");
        if (!await db.HasModuleAsync(actor, accountId, moduleId, ct))
            return new Error("permission.denied", "You do not have the permission to do this in this account.", ErrorKind.Forbidden);
        return Result.Ok();
    }
}
