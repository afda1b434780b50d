using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Roster.Accounts;
using Roster.Common;
using Roster.Data;
using Roster.Modules;
using Roster.Security;

namespace Roster.Users;

/// <summary>Who may see and who may manage an account's members: any member sees them; the Account module manages.</summary>
public static class MemberAccess
{
    public static Task<Result> RequireManagerAsync(RosterDbContext db, Actor actor, string accountId, CancellationToken ct) =>
        db.RequireModuleAsync(actor, accountId, ModuleCatalog.Account, ct);

    /// <summary>Every change to members takes the account lock and checks the Account module under it.</summary>
    public static Task<Result<IDbContextTransaction>> LockAsync(RosterDbContext db, Actor actor, string accountId, CancellationToken ct) =>
        AccountGuard.LockForAsync(db, actor, accountId, ModuleCatalog.Account, ct);

    /// <summary>Whether the actor may read the account's members (not found otherwise) and, if so, also manage them.</summary>
    public static async Task<Result<bool>> ReadAsync(RosterDbContext db, Actor actor, string accountId, CancellationToken ct) =>
        await db.ModuleIfMemberAsync(actor, accountId, ModuleCatalog.Account, ct) is { } manages ? manages : Error.NotFound("account");

    public static async Task<Result> RequireViewerAsync(RosterDbContext db, Actor actor, string accountId, CancellationToken ct) =>
        await db.IsMemberAsync(actor, accountId, ct) ? Result.Ok() : Error.NotFound("account");

    public static async Task<Result<Membership>> FindAsync(RosterDbContext db, string accountId, string userId, CancellationToken ct)
    {
        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.AccountId == accountId && m.UserId == userId, ct);
        return membership is null ? Error.NotFound("user") : membership;
    }

    /// <summary>Checks that every named group exists in the account; at least one is required.</summary>
    public static async Task<Result<IReadOnlyList<string>>> ValidateGroupsAsync(
        RosterDbContext db, string accountId, IReadOnlyCollection<string>? groupIds, CancellationToken ct)
    {
        var wanted = (groupIds ?? []).Where(id => !string.IsNullOrWhiteSpace(id)).Distinct().ToList();
        if (wanted.Count == 0)
            return new Error("users.groups_required", "Choose at least one group.", Field: "groups");
        var found = await db.Groups.Where(g => g.AccountId == accountId && wanted.Contains(g.Id)).Select(g => g.Id).ToListAsync(ct);
        var missing = wanted.Except(found).FirstOrDefault();
        if (missing is not null)
            return new Error("users.unknown_group", $"The group '{missing}' does not exist in this account.", Field: "groups");
        return wanted;
    }

    /// <summary>Makes the member's groups in the account exactly <paramref name="groupIds"/>.</summary>
    public static async Task SetGroupsAsync(
        RosterDbContext db, string accountId, string userId, IReadOnlyList<string> groupIds, DateTimeOffset at, CancellationToken ct)
    {
        var current = await db.GroupMembers.Where(m => m.AccountId == accountId && m.UserId == userId).ToListAsync(ct);
        db.GroupMembers.RemoveRange(current.Where(m => !groupIds.Contains(m.GroupId)));
        foreach (var groupId in groupIds.Where(id => current.All(m => m.GroupId != id)))
            db.GroupMembers.Add(new Groups.GroupMember { GroupId = groupId, AccountId = accountId, UserId = userId, AddedAt = at });
    }
}
