using Roster.Audit;
using Roster.Common;
using Roster.Data;

namespace Roster.Tokens;

/// <summary>A null field keeps its current value.</summary>
public sealed record UpdateTokenRequest(string TokenId, string? Name, string? Description, string? ExternalId);

public sealed class UpdateToken(RosterDbContext db, TimeProvider clock)
{
    public async Task<Result<AccountToken>> HandleAsync(UpdateTokenRequest request, Actor actor, CancellationToken ct = default)
    {
        var locked = await TokenQueries.LockAsync(db, actor, ct);
        if (!locked.Succeeded) return locked.Error;
        await using var transaction = locked.Value;
        var found = await TokenQueries.LoadAsync(db, actor, request.TokenId, ct);
        if (!found.Succeeded) return found.Error;
        var invalid = TokenQueries.ValidateFields(request.Name, request.Description, request.ExternalId, nameRequired: false);
        if (invalid is not null) return invalid;

        var token = found.Value;
        // Read before the commit, with everything the answer shows: once it is acknowledged, nothing may fail.
        var accountName = await TokenQueries.AccountNameAsync(db, token.AccountId, ct);
        var name = request.Name?.Trim() ?? token.Name;
        var description = request.Description ?? token.Description;
        var externalId = request.ExternalId ?? token.ExternalId;
        var before = Snapshot(token.Name, token.Description, token.ExternalId);
        var after = Snapshot(name, description, externalId);
        var changed = before.Keys.Where(k => before[k] != after[k]).ToList();
        // Sending the token back as it was is not a change: it keeps its update time and leaves no entry.
        if (changed.Count == 0) return new AccountToken(token, accountName);

        var now = clock.GetUtcNow();
        token.Name = name;
        token.Description = description;
        token.ExternalId = externalId;
        token.UpdatedAt = now;
        token.UpdatedById = actor.Id;
        token.UpdatedByName = actor.Name;
        db.Record(actor, AuditAction.TokenUpdated, "token", token.Id, token.Name, now, changes: new
        {
            before = changed.ToDictionary(k => k, k => before[k]),
            after = changed.ToDictionary(k => k, k => after[k]),
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new AccountToken(token, accountName);
    }

    // Named as the API names them; an empty description or external id is none, as a null one is.
    private static Dictionary<string, string?> Snapshot(string name, string? description, string? externalId) => new()
    {
        ["name"] = name,
        ["description"] = string.IsNullOrEmpty(description) ? null : description,
        ["external_id"] = string.IsNullOrEmpty(externalId) ? null : externalId,
    };
}
