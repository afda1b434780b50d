using Roster.Audit;
using Roster.Common;
using Roster.Data;

namespace Roster.Tokens;

/// <summary>
/// Gives the token a new secret and a new expiration date while the current secret keeps working until its own
/// expiration date, so that a client can switch without a gap (Connect's renew). Only the secret just replaced is
/// kept: renewing again ends the one before it. A secret that had no expiration date keeps working for
/// <see cref="Overlap"/>, since "until its expiry" would otherwise mean for ever.
/// </summary>
public sealed class RenewToken(RosterDbContext db, TimeProvider clock)
{
    public static readonly TimeSpan Overlap = TimeSpan.FromDays(7);

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
        var previousExpiry = token.ExpiresAt ?? now + Overlap;
        var secret = Secrets.New();
        if (previousExpiry > now)
        {
            token.PreviousSecretHash = token.SecretHash;
            token.PreviousExpiresAt = previousExpiry;
        }
        else
        {
            token.PreviousSecretHash = null;
            token.PreviousExpiresAt = null;
        }
        token.SecretHash = Secrets.Hash(secret);
        token.ExpiresAt = expiresAt?.ToUniversalTime();
        token.UpdatedAt = now;
        token.UpdatedById = actor.Id;
        token.UpdatedByName = actor.Name;
        db.Record(actor, AuditAction.TokenRenewed, "token", token.Id, token.Name, now,
            changes: new { expiration_date = token.ExpiresAt, previous_secret_until = token.PreviousExpiresAt });
        await db.SaveChangesAsync(ct);
        var accountName = await TokenQueries.AccountNameAsync(db, token.AccountId, ct);
        await transaction.CommitAsync(ct);
        return new IssuedToken(token, accountName, ApiToken.HeaderValue(token.Id, secret));
    }
}
