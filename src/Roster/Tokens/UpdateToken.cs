using Roster.Audit;
using Roster.Common;
using Roster.Data;

namespace Roster.Tokens;

/// <summary>A null field keeps its current value.</summary>
public sealed record UpdateTokenRequest(string TokenId, string? Name, string? Description, string? ExternalId);

public sealed class UpdateToken(RosterDbContext db, TimeProvider clock)
{
    public async Task<Result<ApiToken>> HandleAsync(UpdateTokenRequest request, Actor actor, CancellationToken ct = default)
    {
        var found = await TokenQueries.FindAsync(db, actor, request.TokenId, ct);
        if (!found.Succeeded) return found.Error!;
        var invalid = TokenQueries.ValidateFields(request.Name, request.Description, request.ExternalId, nameRequired: false);
        if (invalid is not null) return invalid;

        var token = found.Value!;
        var before = new { name = token.Name, description = token.Description, external_id = token.ExternalId };
        token.Name = request.Name?.Trim() ?? token.Name;
        token.Description = request.Description ?? token.Description;
        token.ExternalId = request.ExternalId ?? token.ExternalId;
        var now = clock.GetUtcNow();
        token.UpdatedAt = now;
        token.UpdatedById = actor.Id;
        token.UpdatedByName = actor.Name;
        db.Record(actor, AuditAction.TokenUpdated, "token", token.Id, token.Name, now, changes: new
        {
            before,
            after = new { name = token.Name, description = token.Description, external_id = token.ExternalId },
        });
        await db.SaveChangesAsync(ct);
        return token;
    }
}
