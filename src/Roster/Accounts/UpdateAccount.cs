using Microsoft.EntityFrameworkCore;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Modules;

namespace Roster.Accounts;

/// <summary>
/// A null field keeps its current value; an empty description or external id clears it. <paramref name="Role"/> is
/// there to be refused: Connect's clients send the whole account back, and a role they changed must not pass silently.
/// </summary>
public sealed record UpdateAccountRequest(
    string AccountId, string? Name, string? Description, string? ExternalId, string? Role = null, AccountProfileChange? Profile = null);

public sealed class UpdateAccount(RosterDbContext db, TimeProvider clock)
{
    public static readonly Error RoleReadOnly = new("accounts.role_read_only", "An account's role cannot change.", Field: "role");

    public async Task<Result<AccountView>> HandleAsync(UpdateAccountRequest request, Actor actor, CancellationToken ct = default)
    {
        var locked = await AccountGuard.LockForAsync(db, actor, request.AccountId, ModuleCatalog.Account, ct);
        if (!locked.Succeeded) return locked.Error;
        await using var transaction = locked.Value;
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == request.AccountId, ct);
        if (account is null) return Error.NotFound("account");
        if (request.Role is not null) return RoleReadOnly;

        var name = request.Name?.Trim() ?? account.Name;
        var description = request.Description is null ? account.Description : NullIfBlank(request.Description);
        var externalId = request.ExternalId is null ? account.ExternalId : NullIfBlank(request.ExternalId);
        var profile = AccountProfileRules.Apply(account.Profile, request.Profile ?? new AccountProfileChange());
        var validation = Error.Of(AccountRules.Validate(name, description, externalId), profile.Succeeded ? null : profile.Error);
        if (validation is not null) return validation;
        if (!profile.Succeeded) return profile.Error;

        var before = Snapshot(account.Name, account.Description, account.ExternalId);
        var after = Snapshot(name, description, externalId);
        var changed = before.Keys.Where(k => before[k] != after[k]).ToList();
        var profileChanged = !AccountProfileRules.Same(account.Profile, profile.Value);
        // Saving the form as it was is not a change: the account keeps its update time and the trail gets no entry.
        if (changed.Count == 0 && !profileChanged) return AccountView.Of(account);

        var now = clock.GetUtcNow();
        if (changed.Count > 0)
        {
            account.Update(name, description, externalId, actor, now);
            db.Record(actor, AuditAction.AccountUpdated, "account", account.Id, account.Name, now, account.Id, new
            {
                before = changed.ToDictionary(k => k, k => before[k]),
                after = changed.ToDictionary(k => k, k => after[k]),
            });
        }
        if (profileChanged)
        {
            db.Record(actor, AuditAction.AccountProfileUpdated, "account", account.Id, account.Name, now, account.Id,
                AccountProfileAudit.Changes(account.Profile, profile.Value));
            account.ChangeProfile(profile.Value, actor, now);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return AccountView.Of(account);
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    // Named as the API names them, so the trail reads like the request.
    private static Dictionary<string, string?> Snapshot(string name, string? description, string? externalId) => new()
    {
        ["name"] = name,
        ["description"] = NullIfBlank(description),
        ["external_id"] = NullIfBlank(externalId),
    };
}
