using Microsoft.EntityFrameworkCore;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Groups;

namespace Roster.Accounts;

public sealed record CreateAccountRequest(string? Name, string? Role, string? Description = null, string? ExternalId = null);

/// <summary>Creates an account with its Administrators group; the creator becomes its first administrator.</summary>
public sealed class CreateAccount(RosterDbContext db, TimeProvider clock)
{
    public async Task<Result<AccountView>> HandleAsync(CreateAccountRequest request, Actor actor, CancellationToken ct = default)
    {
        var validation = AccountRules.Validate(request.Name, request.Description, request.ExternalId);
        if (validation is not null) return validation;
        if (!AccountRoles.TryParse(request.Role ?? "vendor", out var role))
            return new Error("accounts.invalid_role", "The role must be vendor, distributor or reseller.", Field: "role");
        if (!actor.IsUser)
            return new Error("accounts.user_required", "Only a signed-in user can create an account.", ErrorKind.Forbidden);

        var founder = await db.Users.SingleAsync(u => u.Id == actor.Id, ct);
        var account = Build(await UnusedIdAsync(db, role, ct), request.Name!.Trim(), role, founder, clock.GetUtcNow());
        account.Account.Description = request.Description;
        account.Account.ExternalId = request.ExternalId;
        Add(db, account);
        await StartWorkingInAsync(account.Account.Id, actor, ct);
        db.Record(actor, AuditAction.AccountCreated, "account", account.Account.Id, account.Account.Name,
            account.Account.CreatedAt, account.Account.Id, new { name = account.Account.Name, role = role.ToApi() });
        await db.SaveChangesAsync(ct);
        return AccountView.Of(account.Account);
    }

    /// <summary>A user who had no account yet starts working in the first one they create.</summary>
    private async Task StartWorkingInAsync(string accountId, Actor actor, CancellationToken ct)
    {
        if (actor.AccountId is not null || actor.SessionId is null) return;
        var session = await db.Sessions.SingleOrDefaultAsync(s => s.Id == actor.SessionId, ct);
        if (session is not null) session.AccountId = accountId;
        var user = await db.Users.SingleAsync(u => u.Id == actor.Id, ct);
        user.LastAccountId ??= accountId;
    }

    /// <summary>The rows of a new account: the account, its Administrators group and the founder's membership.</summary>
    /// <summary>An account id of the role's kind that no account has yet.</summary>
    public static Task<string> UnusedIdAsync(RosterDbContext db, AccountRole role, CancellationToken ct) =>
        Ids.UnusedAsync(() => Ids.NewAccountId(role), id => db.Accounts.AnyAsync(a => a.Id == id, ct), "account");

    public static NewAccount Build(string id, string name, AccountRole role, Users.User founder, DateTimeOffset at)
    {
        var account = new Account
        {
            Id = id,
            Name = name,
            Role = role,
            CreatedAt = at,
            CreatedById = founder.Id,
            CreatedByName = founder.Name,
        };
        var administrators = Group.Administrators(account.Id, founder, at);
        return new NewAccount(account, Membership.Founder(account.Id, founder, at), administrators);
    }

    public static void Add(RosterDbContext db, NewAccount account)
    {
        db.Accounts.Add(account.Account);
        db.Memberships.Add(account.Membership);
        db.Groups.Add(account.Administrators);
    }
}

public sealed record NewAccount(Account Account, Membership Membership, Group Administrators);
