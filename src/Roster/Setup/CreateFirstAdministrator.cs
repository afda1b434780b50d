using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Users;

namespace Roster.Setup;

public sealed record FirstAdministratorRequest(string? Name, string? Email, string? Password, string? AccountName, string? AccountRole);

/// <summary>
/// Creates the first user and their account, in one transaction, only while the database has no user at all.
/// Serves both the Bootstrap settings and the one-time setup page.
/// </summary>
public sealed class CreateFirstAdministrator(RosterDbContext db, CreateUser createUser, TimeProvider clock)
{
    public static readonly Error AlreadySetUp =
        new("setup.already_done", "Roster is already set up: sign in instead.", ErrorKind.Conflict);

    private const long SetupLockKey = 0x526F_7374_6572_0002;

    public async Task<Result<NewAccount>> HandleAsync(FirstAdministratorRequest request, CancellationToken ct = default)
    {
        if (await db.Users.AnyAsync(ct)) return AlreadySetUp;
        var invalidRole = AccountRoles.TryParse(request.AccountRole, out var role) ? null
            : new Error("accounts.invalid_role", "The account role must be vendor, distributor or reseller.", Field: "account_role");
        var invalidAccount = AccountRules.Validate(request.AccountName, null, null) is { } badName ? badName with { Field = "account_name" } : null;
        var name = string.IsNullOrWhiteSpace(request.Name) ? request.Email?.Split('@')[0] : request.Name;
        var userRequest = new CreateUserRequest(name, request.Email, request.Password, [request.AccountName ?? ""]);
        // Every field is checked before anything is written, so the form shows all its problems at once.
        if (Error.Of(invalidRole, invalidAccount, await createUser.ValidateAsync(userRequest)) is { } invalid) return invalid;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Every node prints its own setup link: of two setups at once, the second waits here (on SQLite, for the one
        // writer) until the first commits, and then finds its user.
        if (db.Provider == DatabaseProvider.Postgres)
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({SetupLockKey})", ct);
        if (await db.Users.AnyAsync(ct)) return AlreadySetUp;

        var prepared = await createUser.PrepareAsync(userRequest, db);
        if (!prepared.Succeeded) return prepared.Error;
        var user = prepared.Value;

        var account = CreateAccount.Build(await CreateAccount.UnusedIdAsync(db, role, ct), request.AccountName!.Trim(), role, user, clock.GetUtcNow());
        user.LastAccountId = account.Account.Id;
        CreateAccount.Add(db, account);
        var actor = new Actor(ActorKind.User, user.Id, user.Name, account.Account.Id);
        db.Record(actor, AuditAction.AccountCreated, "account", account.Account.Id, account.Account.Name, account.Account.CreatedAt);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return account;
    }
}
