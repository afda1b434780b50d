using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Modules;
using Roster.Security;

namespace Roster.Tokens;

/// <summary>
/// Grants and revokes a token's modules. Granting what it has, or revoking what it lacks, changes nothing. Only a
/// module the actor holds can be granted, and a token never changes its own permissions: a user or another token does.
/// </summary>
public sealed class ChangeTokenPermissions(RosterDbContext db, TimeProvider clock)
{
    public static readonly Error OwnPermissions = new("tokens.own_permissions",
        "A token cannot change its own permissions. Ask a user or another token holding the Integrations module.", ErrorKind.Forbidden);

    public Task<Result<AccountToken>> GrantAsync(string tokenId, IReadOnlyCollection<string> moduleIds, Actor actor, CancellationToken ct = default) =>
        Validate(moduleIds, required: true) is { } invalid
            ? Task.FromResult<Result<AccountToken>>(invalid)
            : ChangeAsync(tokenId, current => current.Union(moduleIds), actor, ct);

    public Task<Result<AccountToken>> RevokeAsync(string tokenId, IReadOnlyCollection<string> moduleIds, Actor actor, CancellationToken ct = default) =>
        Validate(moduleIds, required: true) is { } invalid
            ? Task.FromResult<Result<AccountToken>>(invalid)
            : ChangeAsync(tokenId, current => current.Except(moduleIds), actor, ct);

    /// <summary>Makes the token's modules exactly <paramref name="moduleIds"/>: the grants and revocations commit together or not at all.</summary>
    public Task<Result<AccountToken>> SetAsync(string tokenId, IReadOnlyCollection<string> moduleIds, Actor actor, CancellationToken ct = default) =>
        Validate(moduleIds, required: false) is { } invalid
            ? Task.FromResult<Result<AccountToken>>(invalid)
            : ChangeAsync(tokenId, _ => moduleIds, actor, ct);

    /// <summary>Computes the new set from the current one under the account lock, so identical requests at once change it once.</summary>
    private async Task<Result<AccountToken>> ChangeAsync(
        string tokenId, Func<IReadOnlyCollection<string>, IEnumerable<string>> target, Actor actor, CancellationToken ct)
    {
        var locked = await TokenQueries.LockAsync(db, actor, ct);
        if (!locked.Succeeded) return locked.Error;
        await using var transaction = locked.Value;
        var found = await TokenQueries.LoadAsync(db, actor, tokenId, ct);
        if (!found.Succeeded) return found.Error;
        var token = found.Value;
        if (actor.IsToken && actor.Id == token.Id) return OwnPermissions;

        var current = token.Permissions.Select(p => p.ModuleId).ToList();
        var wanted = target(current).Distinct().ToList();
        var granted = wanted.Except(current).ToList();
        var held = await Privileges.RequireHeldAsync(db, actor, token.AccountId, granted, "modules", ct);
        if (!held.Succeeded) return held.Error;

        var now = clock.GetUtcNow();
        foreach (var permission in token.Permissions.Where(p => !wanted.Contains(p.ModuleId)).ToList())
        {
            token.Permissions.Remove(permission);
            db.Record(actor, AuditAction.TokenPermissionRevoked, "token", token.Id, token.Name, now, changes: new { module = permission.ModuleId });
        }
        foreach (var moduleId in granted)
        {
            token.Permissions.Add(new TokenPermission { ModuleId = moduleId, GrantedAt = now, GrantedById = actor.Id, GrantedByName = actor.Name });
            db.Record(actor, AuditAction.TokenPermissionGranted, "token", token.Id, token.Name, now, changes: new { module = moduleId });
        }
        await db.SaveChangesAsync(ct);
        // Read before the commit, with everything the answer shows: once it is acknowledged, nothing may fail.
        var accountName = await TokenQueries.AccountNameAsync(db, token.AccountId, ct);
        await transaction.CommitAsync(ct);
        return new AccountToken(token, accountName);
    }

    private static Error? Validate(IReadOnlyCollection<string> moduleIds, bool required)
    {
        if (required && moduleIds.Count == 0)
            return new Error("tokens.permissions_required", "Name at least one module: {\"id\": \"MD-0001\"}.", Field: "id");
        var unknown = moduleIds.FirstOrDefault(id => !ModuleCatalog.Exists(id));
        return unknown is null ? null
            : new Error("tokens.unknown_module", $"Unknown module '{unknown}'. GET /modules lists them.", Field: "id");
    }
}
