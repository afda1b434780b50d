using Roster.Audit;
using Roster.Common;
using Roster.Data;

namespace Roster.Tokens;

/// <summary>Replaces the token's secret; the old one stops working at once. A new expiration date may be set.</summary>
public sealed class RotateToken(RosterDbContext db, TimeProvider clock)
{
    public async Task<Result<IssuedToken>> HandleAsync(string tokenId, DateTimeOffset? expiresAt, Actor actor, CancellationToken ct = default)
    {
        var locked = await TokenQueries.LockAsync(db, actor, ct);
        if (!locked.Succeeded) return locked.Error;
        await using var transaction = locked.Value;
        var found = await TokenQueries.LoadAsync(db, actor, tokenId, ct);
        if (!found.Succeeded) return found.Error;
        var now = clock.GetUtcNow();
        if (TokenQueries.ValidateExpiry(expiresAt, now) is { } badExpiry) return badExpiry;

        var token = found.Value;
        var secret = Secrets.New();
        token.SecretHash = Secrets.Hash(secret);
        // Rotation is for a secret that may have leaked: a secret kept by an earlier renewal stops too.
        token.PreviousSecretHash = null;
        token.PreviousExpiresAt = null;
        if (expiresAt is not null) token.ExpiresAt = expiresAt.Value.ToUniversalTime();
        token.UpdatedAt = now;
        token.UpdatedById = actor.Id;
        token.UpdatedByName = actor.Name;
        db.Record(actor, AuditAction.TokenRotated, "token", token.Id, token.Name, now);
        await db.SaveChangesAsync(ct);
        var accountName = await TokenQueries.AccountNameAsync(db, token.AccountId, ct);
        await transaction.CommitAsync(ct);
        return new IssuedToken(token, accountName, ApiToken.HeaderValue(token.Id, secret));
    }
}
