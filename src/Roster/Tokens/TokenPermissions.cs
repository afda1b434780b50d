using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Modules;

namespace Roster.Tokens;

/// <summary>Grants and revokes a token's modules. Granting what it has, or revoking what it lacks, changes nothing.</summary>
public sealed class ChangeTokenPermissions(RosterDbContext db, TimeProvider clock)
{
    public async Task<Result<ApiToken>> GrantAsync(string tokenId, IReadOnlyCollection<string> moduleIds, Actor actor, CancellationToken ct = default)
    {
        var found = await FindAsync(tokenId, moduleIds, actor, ct);
        if (!found.Succeeded) return found;
        var token = found.Value!;
        var now = clock.GetUtcNow();
        foreach (var moduleId in moduleIds.Distinct().Where(id => token.Permissions.All(p => p.ModuleId != id)))
        {
            token.Permissions.Add(new TokenPermission { ModuleId = moduleId, GrantedAt = now, GrantedById = actor.Id, GrantedByName = actor.Name });
            db.Record(actor, AuditAction.TokenPermissionGranted, "token", token.Id, token.Name, now, changes: new { module = moduleId });
        }
        await db.SaveChangesAsync(ct);
        return token;
    }

    public async Task<Result<ApiToken>> RevokeAsync(string tokenId, IReadOnlyCollection<string> moduleIds, Actor actor, CancellationToken ct = default)
    {
        var found = await FindAsync(tokenId, moduleIds, actor, ct);
        if (!found.Succeeded) return found;
        var token = found.Value!;
        var now = clock.GetUtcNow();
        foreach (var permission in token.Permissions.Where(p => moduleIds.Contains(p.ModuleId)).ToList())
        {
            token.Permissions.Remove(permission);
            db.Record(actor, AuditAction.TokenPermissionRevoked, "token", token.Id, token.Name, now, changes: new { module = permission.ModuleId });
        }
        await db.SaveChangesAsync(ct);
        return token;
    }

    private async Task<Result<ApiToken>> FindAsync(string tokenId, IReadOnlyCollection<string> moduleIds, Actor actor, CancellationToken ct)
    {
        if (moduleIds.Count == 0)
            return new Error("tokens.permissions_required", "Name at least one module: {\"id\": \"MD-0001\"}.", Field: "id");
        var unknown = moduleIds.FirstOrDefault(id => !ModuleCatalog.Exists(id));
        if (unknown is not null)
            return new Error("tokens.unknown_module", $"Unknown module '{unknown}'. GET /modules lists them.", Field: "id");
        return await TokenQueries.FindAsync(db, actor, tokenId, ct);
    }
}
