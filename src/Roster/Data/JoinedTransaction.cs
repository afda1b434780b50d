using Microsoft.EntityFrameworkCore.Storage;

namespace Roster.Data;

/// <summary>
/// A use case's transaction inside one its caller already holds: a savepoint. Rolling back, or disposing without
/// committing, undoes the use case's own work only; committing releases the savepoint, and the work is applied when
/// the caller commits the transaction it holds.
/// </summary>
internal sealed class JoinedTransaction : IDbContextTransaction
{
    private const string Savepoint = "roster_use_case";
    private readonly IDbContextTransaction _outer;
    private bool _ended;

    private JoinedTransaction(IDbContextTransaction outer) => _outer = outer;

    public static async Task<IDbContextTransaction> BeginAsync(IDbContextTransaction outer, CancellationToken ct)
    {
        await outer.CreateSavepointAsync(Savepoint, ct);
        return new JoinedTransaction(outer);
    }

    public Guid TransactionId => _outer.TransactionId;

    public void Commit()
    {
        _outer.ReleaseSavepoint(Savepoint);
        _ended = true;
    }

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        await _outer.ReleaseSavepointAsync(Savepoint, cancellationToken);
        _ended = true;
    }

    public void Rollback()
    {
        _outer.RollbackToSavepoint(Savepoint);
        _ended = true;
    }

    public async Task RollbackAsync(CancellationToken cancellationToken = default)
    {
        await _outer.RollbackToSavepointAsync(Savepoint, cancellationToken);
        _ended = true;
    }

    public void Dispose()
    {
        if (!_ended) Rollback();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_ended) await RollbackAsync();
    }
}
