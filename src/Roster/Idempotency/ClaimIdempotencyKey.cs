using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Roster.Common;
using Roster.Data;

namespace Roster.Idempotency;

/// <summary>
/// Claims a caller's Idempotency-Key for one request, or finds the answer it already got (ADR 0010).
/// The claim is a row inserted in a transaction that the request's own change then joins, and that commits with the
/// answer stored: the change, the key and the answer are acknowledged together or not at all. A second request with
/// the key waits on that row (PostgreSQL's unique index, SQLite's single writer) until the first commits, then
/// replays its answer; if the first rolled back, the second does the work.
/// </summary>
public sealed class ClaimIdempotencyKey(RosterDbContext db, TimeProvider clock)
{
    public async Task<Result<IdempotencyClaim>> HandleAsync(string actorId, string key, string fingerprint, CancellationToken ct = default)
    {
        if (!IdempotencyKey.IsValid(key)) return IdempotencyKey.Invalid;
        var keyHash = Secrets.Hash(key);
        var now = clock.GetUtcNow();
        var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            // A key past its window is a new key: its old answer makes way.
            await db.IdempotencyKeys.Where(k => k.ActorId == actorId && k.KeyHash == keyHash && k.ExpiresAt <= now).ExecuteDeleteAsync(ct);
            var row = new IdempotencyKey
            {
                ActorId = actorId, KeyHash = keyHash, Fingerprint = fingerprint, CreatedAt = now, ExpiresAt = now + IdempotencyKey.Window,
            };
            db.IdempotencyKeys.Add(row);
            await db.SaveChangesAsync(ct);
            // The request's use case may clear the change tracker; the answer is stored by key, not through this entry.
            db.Entry(row).State = EntityState.Detached;
            return new IdempotencyClaim(db, transaction, actorId, key, keyHash);
        }
        catch (DbUpdateException exception) when (UniqueKeys.IsViolation(exception))
        {
            await transaction.DisposeAsync();
            db.ChangeTracker.Clear();
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }

        var earlier = await db.IdempotencyKeys.AsNoTracking().SingleAsync(k => k.ActorId == actorId && k.KeyHash == keyHash, ct);
        if (earlier.Fingerprint != fingerprint) return IdempotencyKey.Reused;
        return IdempotencyClaim.Replay(new StoredAnswer(earlier.Status, earlier.ContentType, AnswerSeal.Open(key, actorId, earlier.Answer)));
    }
}

/// <summary>
/// Either the answer an earlier request with the key got (<see cref="Earlier"/>), or the key held for this request
/// in an open transaction: the request's change joins it, <see cref="CompleteAsync"/> stores the answer and commits,
/// and disposing without completing rolls everything back.
/// </summary>
public sealed class IdempotencyClaim : IAsyncDisposable
{
    private readonly RosterDbContext? _db;
    private readonly IDbContextTransaction? _transaction;
    private readonly string _actorId = "";
    private readonly string _key = "";
    private readonly string _keyHash = "";

    internal IdempotencyClaim(RosterDbContext db, IDbContextTransaction transaction, string actorId, string key, string keyHash)
    {
        _db = db;
        _transaction = transaction;
        _actorId = actorId;
        _key = key;
        _keyHash = keyHash;
    }

    private IdempotencyClaim(StoredAnswer earlier) => Earlier = earlier;

    internal static IdempotencyClaim Replay(StoredAnswer earlier) => new(earlier);

    public StoredAnswer? Earlier { get; }

    public async Task CompleteAsync(StoredAnswer answer, CancellationToken ct = default)
    {
        if (_db is null || _transaction is null) throw new InvalidOperationException("An earlier answer is replayed, not stored again.");
        var sealedAnswer = AnswerSeal.Close(_key, _actorId, answer.Body);
        await _db.IdempotencyKeys.Where(k => k.ActorId == _actorId && k.KeyHash == _keyHash).ExecuteUpdateAsync(s => s
            .SetProperty(k => k.Status, answer.Status)
            .SetProperty(k => k.ContentType, answer.ContentType)
            .SetProperty(k => k.Answer, sealedAnswer), ct);
        await _transaction.CommitAsync(ct);
    }

    public ValueTask DisposeAsync() => _transaction?.DisposeAsync() ?? ValueTask.CompletedTask;
}
