using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Common;
using Roster.Data;
using Roster.Tokens;

namespace Roster.Security;

/// <summary>
/// What an actor may do in an account. Checked against the database on each call, so a permission taken away
/// takes effect on the next request; writes check again under the account lock (<see cref="AccountGuard"/>).
/// </summary>
public static class Access
{
    public static Task<bool> IsMemberAsync(this RosterDbContext db, Actor actor, string accountId, CancellationToken ct = default) =>
        actor.Kind switch
        {
            ActorKind.Token => Task.FromResult(actor.AccountId == accountId),
            ActorKind.User => ActiveMember(db, accountId, actor.Id, ct),
            _ => Task.FromResult(false),
        };

    public static async Task<bool> HasModuleAsync(this RosterDbContext db, Actor actor, string accountId, string moduleId, CancellationToken ct = default) =>
        (await db.HeldModulesAsync(actor, accountId, ct)).Contains(moduleId);

    /// <summary>Every module the actor holds in the account, from one compiled statement.</summary>
    public static async Task<IReadOnlySet<string>> HeldModulesAsync(this RosterDbContext db, Actor actor, string accountId, CancellationToken ct = default)
    {
        var held = actor.Kind switch
        {
            ActorKind.Token when actor.AccountId == accountId => ModulesOfToken(db, actor.Id, accountId),
            ActorKind.User => ModulesOfMember(db, accountId, actor.Id),
            _ => null,
        };
        var modules = new HashSet<string>(StringComparer.Ordinal);
        if (held is null) return modules;
        await foreach (var module in held.WithCancellation(ct)) modules.Add(module);
        return modules;
    }

    /// <summary>
    /// Null when the actor is not a member of the account, otherwise whether they hold the module: for a user one
    /// statement, so both answers come from one snapshot and a membership ended between two reads cannot be seen half.
    /// </summary>
    public static async Task<bool?> ModuleIfMemberAsync(this RosterDbContext db, Actor actor, string accountId, string moduleId, CancellationToken ct = default) =>
        actor.Kind switch
        {
            ActorKind.Token when actor.AccountId == accountId => await TokenModuleIfMemberAsync(db, actor, accountId, moduleId, ct),
            ActorKind.User => await MemberHoldingModule(db, accountId, actor.Id, moduleId, ct),
            _ => null,
        };

    private static readonly Func<RosterDbContext, string, string, string, CancellationToken, Task<bool?>> MemberHoldingModule =
        EF.CompileAsyncQuery((RosterDbContext db, string accountId, string userId, string moduleId, CancellationToken _) => db.Memberships
            .Where(m => m.AccountId == accountId && m.UserId == userId && m.Status == MembershipStatus.Active)
            .Select(m => (bool?)db.GroupMembers.Any(g => g.AccountId == accountId && g.UserId == userId
                && db.GroupPermissions.Any(p => p.GroupId == g.GroupId && p.ModuleId == moduleId)))
            .FirstOrDefault());

    /// <summary>Answers "not found" for objects outside the caller's reach, so their existence is not revealed.</summary>
    public static async Task<Result> RequireModuleAsync(this RosterDbContext db, Actor actor, string accountId, string moduleId, CancellationToken ct = default)
    {
        if (!await db.IsMemberAsync(actor, accountId, ct)) return Error.NotFound("account");
        if (await db.HasModuleAsync(actor, accountId, moduleId, ct)) return Result.Ok();
        // The membership may have ended between the two reads (the account deleted, the member removed): not found then.
        return await StillMemberAsync(db, actor, accountId, ct)
            ? new Error("permission.denied", "You do not have the permission to do this in this account.", ErrorKind.Forbidden)
            : Error.NotFound("account");
    }

    /// <summary>A token without the module may have lost its account to a delete that committed meanwhile: no member then.</summary>
    private static async Task<bool?> TokenModuleIfMemberAsync(RosterDbContext db, Actor token, string accountId, string moduleId, CancellationToken ct)
    {
        if (await db.HasModuleAsync(token, accountId, moduleId, ct)) return true;
        return await StillMemberAsync(db, token, accountId, ct) ? false : null;
    }

    /// <summary>
    /// A token's membership is its account, which <see cref="IsMemberAsync"/> takes from the token without a read: after
    /// a delete of the account that committed meanwhile, only the account's row tells that it is gone.
    /// </summary>
    private static async Task<bool> StillMemberAsync(RosterDbContext db, Actor actor, string accountId, CancellationToken ct) =>
        actor.Kind == ActorKind.Token
            ? actor.AccountId == accountId && await db.Accounts.AnyAsync(a => a.Id == accountId, ct)
            : await db.IsMemberAsync(actor, accountId, ct);

    private static readonly Func<RosterDbContext, string, string, CancellationToken, Task<bool>> ActiveMember =
        EF.CompileAsyncQuery((RosterDbContext db, string accountId, string userId, CancellationToken _) =>
            db.Memberships.Any(m => m.AccountId == accountId && m.UserId == userId && m.Status == MembershipStatus.Active));

    // A user holds the modules of their groups while an active member; a token holds its own while active. A token
    // deactivated or deleted by a request that committed first holds nothing, though it authenticated this request.
    // Compiled, as every request asks: built from LINQ each time, the query's expression tree and EF's lookup of its
    // cached SQL cost more CPU than the statement.
    private static readonly Func<RosterDbContext, string, string, IAsyncEnumerable<string>> ModulesOfToken =
        EF.CompileAsyncQuery((RosterDbContext db, string tokenId, string accountId) =>
            from permission in db.TokenPermissions
            join token in db.Tokens on permission.TokenId equals token.Id
            where token.Id == tokenId && token.AccountId == accountId && token.Status == TokenStatus.Active
            select permission.ModuleId);

    private static readonly Func<RosterDbContext, string, string, IAsyncEnumerable<string>> ModulesOfMember =
        EF.CompileAsyncQuery((RosterDbContext db, string accountId, string userId) =>
            from member in db.GroupMembers
            join permission in db.GroupPermissions on member.GroupId equals permission.GroupId
            join membership in db.Memberships on new { member.AccountId, member.UserId } equals new { membership.AccountId, membership.UserId }
            where member.AccountId == accountId && member.UserId == userId && membership.Status == MembershipStatus.Active
            select permission.ModuleId);
}
