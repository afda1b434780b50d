using Roster.Audit;
using Roster.Common;
using Roster.Data;

namespace Roster.Tokens;

/// <summary>Activates a pending or inactive token, or deactivates an active one. Repeating either is harmless.</summary>
public sealed class ChangeTokenStatus(RosterDbContext db, TimeProvider clock)
{
    public Task<Result<AccountToken>> ActivateAsync(string tokenId, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(tokenId, TokenStatus.Active, AuditAction.TokenActivated, actor, ct);

    public Task<Result<AccountToken>> DeactivateAsync(string tokenId, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(tokenId, TokenStatus.Inactive, AuditAction.TokenDeactivated, actor, ct);

    private async Task<Result<AccountToken>> ChangeAsync(string tokenId, TokenStatus status, AuditAction action, Actor actor, CancellationToken ct)
    {
        var locked = await TokenQueries.LockAsync(db, actor, ct);
        if (!locked.Succeeded) return locked.Error;
        await using var transaction = locked.Value;
        var found = await TokenQueries.LoadAsync(db, actor, tokenId, ct);
        if (!found.Succeeded) return found.Error;
        var token = found.Value;
        // Read before the commit, with everything the answer shows: once it is acknowledged, nothing may fail.
        var accountName = await TokenQueries.AccountNameAsync(db, token.AccountId, ct);
        if (token.Status == status) return new AccountToken(token, accountName);
        if (status == TokenStatus.Active && token.ExpiresAt <= clock.GetUtcNow())
            return new Error("tokens.expired", "The token has expired; rotate it with a new expiration date to use it again.");

        var now = clock.GetUtcNow();
        var before = token.Status;
        token.Status = status;
        token.UpdatedAt = now;
        token.UpdatedById = actor.Id;
        token.UpdatedByName = actor.Name;
        db.Record(actor, action, "token", token.Id, token.Name, now, changes: new
        {
            before = new { status = before.ToString().ToLowerInvariant() },
            after = new { status = status.ToString().ToLowerInvariant() },
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new AccountToken(token, accountName);
    }
}
