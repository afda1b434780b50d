using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;

namespace Roster.Tokens;

/// <summary>Turns an "ApiKey SU-...:secret" credential into the acting token, or nothing.</summary>
public sealed class ResolveToken(RosterDbContext db, TimeProvider clock)
{
    private sealed record Row(string Id, string Name, string AccountId, string SecretHash, TokenStatus Status, DateTimeOffset? ExpiresAt);

    // Compiled once: this read runs on every API request made with a token.
    private static readonly Func<RosterDbContext, string, CancellationToken, Task<Row?>> ById =
        EF.CompileAsyncQuery((RosterDbContext db, string id, CancellationToken _) => db.Tokens.AsNoTracking()
            .Where(t => t.Id == id)
            .Select(t => new Row(t.Id, t.Name, t.AccountId, t.SecretHash, t.Status, t.ExpiresAt))
            .SingleOrDefault());

    public async Task<Actor?> HandleAsync(string credential, string? ip, CancellationToken ct = default)
    {
        var separator = credential.IndexOf(':', StringComparison.Ordinal);
        if (separator <= 0 || separator > 24) return null;
        var id = credential[..separator];
        var secret = credential[(separator + 1)..];
        if (secret.Length is 0 or > 128) return null;

        var token = await ById(db, id, ct);
        if (token is null || !Secrets.Matches(secret, token.SecretHash)) return null;
        if (token.Status != TokenStatus.Active || token.ExpiresAt <= clock.GetUtcNow()) return null;
        return new Actor(ActorKind.Token, token.Id, token.Name, token.AccountId, null, ip);
    }
}
