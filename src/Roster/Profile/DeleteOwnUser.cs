using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Modules;
using Roster.Sessions;
using Roster.Users;

namespace Roster.Profile;

/// <summary>
/// A user deletes themself for good after re-entering their password. Their memberships (with their groups,
/// invitations and contact entries), sessions and personal settings go; audit entries stay, so every account keeps
/// its history. A wrong password counts toward lockout (<see cref="PasswordConfirmation"/>). Refused while they are the last active member who can invite in one of their accounts: that is
/// checked under the locks of all their accounts, taken in id order, so a concurrent removal of the other
/// administrator cannot slip through (see ADR 0004).
/// </summary>
public sealed class DeleteOwnUser(RosterDbContext db, PasswordConfirmation confirmation, TimeProvider clock)
{
    private const int Attempts = 3;

    public static readonly Error WrongPassword = new("auth.wrong_password", "The password is not correct.", Field: "password");

    /// <param name="deviceCookie">The client's device cookie, if it sent one: a wrong password counts against that device.</param>
    /// <param name="soleAccounts">The accounts the person saw named for deletion with their user (the accounts where they
    /// are the only active member); deleted only when they are exactly those accounts still.</param>
    public async Task<Result> HandleAsync(string? userId, string? password, Actor actor, string? deviceCookie = null,
        IReadOnlyCollection<string>? soleAccounts = null, CancellationToken ct = default)
    {
        // Only oneself: anyone else's user is not found, whether it exists or not.
        if (!actor.IsUser || userId != actor.Id) return Error.NotFound("user");
        if (string.IsNullOrEmpty(password))
            return new Error("auth.password_required", "Enter your password to confirm.", Field: "password");
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == actor.Id, ct);
        if (user is null) return Error.NotFound("user");
        if (!await confirmation.ConfirmAsync(user, password, deviceCookie, actor, "delete_user", ct)) return WrongPassword;

        for (var attempt = 1; ; attempt++)
        {
            var accounts = await AccountsOfAsync(user.Id, ct);
            await using var transaction = await AccountGuard.LockAsync(db, accounts, ct);
            // Joined an account between the read and the locks: start again with that one locked too.
            if (!(await AccountsOfAsync(user.Id, ct)).SequenceEqual(accounts))
            {
                await transaction.RollbackAsync(ct);
                if (attempt < Attempts) continue;
                return new Error("users.busy", "Your accounts changed while deleting your user. Try again.", ErrorKind.Conflict);
            }

            var stranded = await StrandedAccountsAsync(user.Id, ct);
            var sole = await SoleAccountsAsync(user.Id, ct);
            var managed = stranded.Where(a => !sole.Contains(a)).ToList();
            if (managed.Count > 0) return LastInviter(managed);
            if (sole.Count > 0 && !sole.Select(a => a.Id).Order(StringComparer.Ordinal).SequenceEqual((soleAccounts ?? []).Distinct().Order(StringComparer.Ordinal)))
                return SoleMember(sole);
            foreach (var (id, name) in sole)
                if (await DeleteAccount.ActivePartnershipsAsync(db, id, name, ct) is { } settle) return settle;

            var now = clock.GetUtcNow();
            var personal = actor with { AccountId = null };
            foreach (var (id, name) in sole)
                db.Record(personal, AuditAction.AccountDeleted, "account", id, name, now, id, new { with_user = user.Id });
            foreach (var accountId in accounts)
                db.Record(personal, AuditAction.UserDeleted, "user", user.Id, user.Name, now, accountId, new { email = user.Email });
            db.Record(personal, AuditAction.UserDeleted, "user", user.Id, user.Name, now, changes: new { email = user.Email, accounts });
            await db.SaveChangesAsync(ct);
            foreach (var (id, _) in sole) await DeleteAccount.RemoveAsync(db, id, ct);
            // Group memberships, invitations and contact entries go with the memberships; the rest with the user.
            await db.Memberships.Where(m => m.UserId == user.Id).ExecuteDeleteAsync(ct);
            await db.Sessions.Where(s => s.UserId == user.Id).ExecuteDeleteAsync(ct);
            await db.Users.Where(u => u.Id == user.Id).ExecuteDeleteAsync(ct);
            await transaction.CommitAsync(ct);
            return Result.Ok();
        }
    }

    private async Task<List<string>> AccountsOfAsync(string userId, CancellationToken ct) =>
        (await db.Memberships.Where(m => m.UserId == userId).Select(m => m.AccountId).ToListAsync(ct))
        .Order(StringComparer.Ordinal).ToList();

    /// <summary>The accounts where this user is the only active member holding the Account module.</summary>
    private async Task<List<(string Id, string Name)>> StrandedAccountsAsync(string userId, CancellationToken ct)
    {
        var inviters =
            from member in db.GroupMembers
            join permission in db.GroupPermissions on member.GroupId equals permission.GroupId
            join membership in db.Memberships on new { member.AccountId, member.UserId } equals new { membership.AccountId, membership.UserId }
            where permission.ModuleId == ModuleCatalog.Account && membership.Status == MembershipStatus.Active
            select new { member.AccountId, member.UserId };
        var mine = inviters.Where(i => i.UserId == userId).Select(i => i.AccountId);
        var covered = inviters.Where(i => i.UserId != userId).Select(i => i.AccountId);
        var stranded = await db.Accounts.Where(a => mine.Contains(a.Id) && !covered.Contains(a.Id))
            .OrderBy(a => a.Name).Select(a => new { a.Id, a.Name }).ToListAsync(ct);
        return [.. stranded.Select(a => (a.Id, a.Name))];
    }

    /// <summary>
    /// The accounts where this user is the only active member: nobody else could be given the Account module, so they
    /// can only go with the user, which the person confirms by name.
    /// </summary>
    public async Task<List<(string Id, string Name)>> SoleAccountsAsync(string userId, CancellationToken ct = default)
    {
        var sole = await db.Accounts
            .Where(a => db.Memberships.Any(m => m.AccountId == a.Id && m.UserId == userId && m.Status == MembershipStatus.Active)
                        && !db.Memberships.Any(m => m.AccountId == a.Id && m.UserId != userId && m.Status == MembershipStatus.Active))
            .OrderBy(a => a.Name).ThenBy(a => a.Id).Select(a => new { a.Id, a.Name }).ToListAsync(ct);
        return [.. sole.Select(a => (a.Id, a.Name))];
    }

    private static Error SoleMember(List<(string Id, string Name)> accounts) => new("users.sole_member",
        $"You are the only member of {string.Join(", ", accounts.Select(a => $"{a.Name} ({a.Id})"))}: " +
        "confirm deleting them with your user, or invite someone to manage them first.", ErrorKind.Conflict);

    private static Error LastInviter(List<(string Id, string Name)> accounts)
    {
        var names = string.Join(", ", accounts.Select(a => $"{a.Name} ({a.Id})"));
        var where = accounts.Count == 1 ? "that account" : "each of them";
        return new Error("users.last_admin",
            $"Your user cannot be deleted: you are the last active member who can invite users in {names}. " +
            $"Give another active member the Account module in {where} first, then delete your user.", ErrorKind.Conflict);
    }
}
