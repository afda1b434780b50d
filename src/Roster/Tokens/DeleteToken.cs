using Roster.Audit;
using Roster.Common;
using Roster.Data;

namespace Roster.Tokens;

/// <summary>What was deleted, so a face can name it after it is gone.</summary>
public sealed record DeletedToken(string Id, string Name);

public sealed class DeleteToken(RosterDbContext db, TimeProvider clock)
{
    public async Task<Result<DeletedToken>> HandleAsync(string tokenId, Actor actor, CancellationToken ct = default)
    {
        var locked = await TokenQueries.LockAsync(db, actor, ct);
        if (!locked.Succeeded) return locked.Error;
        await using var transaction = locked.Value;
        var found = await TokenQueries.LoadAsync(db, actor, tokenId, ct);
        if (!found.Succeeded) return found.Error;
        var token = found.Value;
        db.Tokens.Remove(token);
        db.Record(actor, AuditAction.TokenDeleted, "token", token.Id, token.Name, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new DeletedToken(token.Id, token.Name);
    }
}
