using Roster.Audit;
using Roster.Common;
using Roster.Data;

namespace Roster.Tokens;

/// <summary><paramref name="ExtensionId"/> may be omitted or "custom": both name a custom integration.</summary>
public sealed record CreateTokenRequest(
    string? Name, string? Description, string? ExternalId, string? ExtensionId, DateTimeOffset? ExpiresAt);

/// <summary>The token, its account's name, and its full header value, which is shown only now.</summary>
public sealed record IssuedToken(TokenView Token, string AccountName, string HeaderValue)
{
    public IssuedToken(ApiToken token, string accountName, string headerValue) : this(TokenView.Of(token), accountName, headerValue) { }
}

/// <summary>Creates a pending token in the caller's active account; it authenticates once activated.</summary>
public sealed class CreateToken(RosterDbContext db, TimeProvider clock)
{
    public async Task<Result<IssuedToken>> HandleAsync(CreateTokenRequest request, Actor actor, CancellationToken ct = default)
    {
        var locked = await TokenQueries.LockAsync(db, actor, ct);
        if (!locked.Succeeded) return locked.Error;
        await using var transaction = locked.Value;
        var invalid = TokenQueries.ValidateFields(request.Name, request.Description, request.ExternalId, nameRequired: true);
        if (invalid is not null) return invalid;
        if (request.ExtensionId is not null && request.ExtensionId != ApiToken.CustomExtension)
            return new Error("tokens.unknown_extension", $"Unknown extension '{request.ExtensionId}'. Omit it or use {{\"id\": \"custom\"}}.", Field: "extension");
        var now = clock.GetUtcNow();
        if (TokenQueries.ValidateExpiry(request.ExpiresAt, now) is { } badExpiry) return badExpiry;

        var secret = Secrets.New();
        var token = new ApiToken
        {
            Id = Ids.NewTokenId(),
            AccountId = actor.AccountId!,
            Name = request.Name!.Trim(),
            Description = request.Description,
            ExternalId = request.ExternalId,
            Status = TokenStatus.Pending,
            SecretHash = Secrets.Hash(secret),
            ExpiresAt = request.ExpiresAt?.ToUniversalTime(),
            CreatedAt = now,
            CreatedById = actor.Id,
            CreatedByName = actor.Name,
        };
        db.Tokens.Add(token);
        db.Record(actor, AuditAction.TokenCreated, "token", token.Id, token.Name, now, changes: new { name = token.Name });
        await db.SaveChangesAsync(ct);
        // Everything the answer shows is read before the commit: once it is acknowledged, nothing may fail.
        var accountName = await TokenQueries.AccountNameAsync(db, token.AccountId, ct);
        await transaction.CommitAsync(ct);
        return new IssuedToken(token, accountName, ApiToken.HeaderValue(token.Id, secret));
    }
}
