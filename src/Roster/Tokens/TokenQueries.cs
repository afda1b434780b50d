using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Roster.Accounts;
using Roster.Common;
using Roster.Data;
using Roster.Modules;
using Roster.Security;

namespace Roster.Tokens;

/// <summary>A token with the name of its account, as both faces show it: read in the transaction that changed the token.</summary>
public sealed record AccountToken(TokenView Token, string AccountName)
{
    public AccountToken(ApiToken token, string accountName) : this(TokenView.Of(token), accountName) { }
}

/// <summary>Tokens are managed inside the caller's active account, by holders of the Integrations module.</summary>
public static class TokenQueries
{
    public static readonly Error NoActiveAccount =
        new("auth.no_account", "Choose an account first (POST /auth/context).", ErrorKind.Forbidden);

    public static async Task<Result> RequireManagerAsync(RosterDbContext db, Actor actor, CancellationToken ct)
    {
        if (actor.AccountId is null) return NoActiveAccount;
        return await db.RequireModuleAsync(actor, actor.AccountId, ModuleCatalog.Integrations, ct);
    }

    /// <summary>Every change to tokens takes the lock of the caller's account and checks the Integrations module under it.</summary>
    public static Task<Result<IDbContextTransaction>> LockAsync(RosterDbContext db, Actor actor, CancellationToken ct) =>
        actor.AccountId is { } accountId
            ? AccountGuard.LockForAsync(db, actor, accountId, ModuleCatalog.Integrations, ct)
            : Task.FromResult<Result<IDbContextTransaction>>(NoActiveAccount);

    public static async Task<Result<ApiToken>> FindAsync(RosterDbContext db, Actor actor, string tokenId, CancellationToken ct)
    {
        var allowed = await RequireManagerAsync(db, actor, ct);
        if (!allowed.Succeeded) return allowed.Error;
        return await LoadAsync(db, actor, tokenId, ct);
    }

    /// <summary>A token of the caller's account with its permissions, for a caller that checked access already.</summary>
    public static async Task<Result<ApiToken>> LoadAsync(RosterDbContext db, Actor actor, string tokenId, CancellationToken ct)
    {
        var token = await db.Tokens.Include(t => t.Permissions)
            .SingleOrDefaultAsync(t => t.Id == tokenId && t.AccountId == actor.AccountId, ct);
        return token is null ? Error.NotFound("token") : token;
    }

    public static Task<string> AccountNameAsync(RosterDbContext db, string accountId, CancellationToken ct) =>
        db.Accounts.Where(a => a.Id == accountId).Select(a => a.Name).SingleAsync(ct);

    /// <summary>The furthest expiration date a token may get: beyond it, "expires" would mean nothing.</summary>
    public static readonly TimeSpan LongestLifetime = TimeSpan.FromDays(5 * 366);

    public static Error? ValidateExpiry(DateTimeOffset? expiresAt, DateTimeOffset now) =>
        expiresAt <= now ? new Error("tokens.expiration_in_past", "The expiration date must be in the future.", Field: "expiration_date")
        : expiresAt > now + LongestLifetime
            ? new Error("tokens.expiration_too_far", "The expiration date can be at most five years ahead.", Field: "expiration_date")
        : null;

    /// <summary>Every problem of the fields at once, so the Integrations form marks each in one post.</summary>
    public static Error? ValidateFields(string? name, string? description, string? externalId, bool nameRequired) => Error.Of(
        nameRequired && string.IsNullOrWhiteSpace(name) ? new Error("tokens.name_required", "The token name is required.", Field: "name")
        : name is not null && string.IsNullOrWhiteSpace(name) ? new Error("tokens.name_required", "The token name cannot be empty.", Field: "name")
        : name?.Trim().Length > ApiToken.NameMaxLength
            ? new Error("tokens.name_too_long", $"The token name can have at most {ApiToken.NameMaxLength} characters.", Field: "name")
        : Names.Check(name, "tokens.name_invalid", "The token name"),
        description?.Length > ApiToken.DescriptionMaxLength
            ? new Error("tokens.description_too_long", $"The description can have at most {ApiToken.DescriptionMaxLength} characters.", Field: "description")
            : null,
        externalId?.Length > ApiToken.ExternalIdMaxLength
            ? new Error("tokens.external_id_too_long", $"The external id can have at most {ApiToken.ExternalIdMaxLength} characters.", Field: "external_id")
            : null);
}
