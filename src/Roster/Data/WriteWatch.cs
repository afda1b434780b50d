using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Roster.Data;

/// <summary>
/// Tells <see cref="RosterDbContext"/> when a write reaches the database: a commit begins, or a statement that
/// changes rows runs outside a transaction (a single-statement save, ExecuteUpdate, ExecuteDelete, raw SQL). From
/// that moment a failure no longer means the change was not applied.
/// </summary>
internal static class WriteWatch
{
    public static IInterceptor[] Interceptors { get; } = [new Commands(), new Transactions()];

    private static void Note(CommandEventData data, DbCommand command)
    {
        if (command.Transaction is null && data.CommandSource is CommandSource.SaveChanges or CommandSource.ExecuteUpdate
                or CommandSource.ExecuteDelete or CommandSource.ExecuteSqlRaw)
            (data.Context as RosterDbContext)?.NoteWrite();
    }

    private sealed class Commands : DbCommandInterceptor
    {
        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Note(eventData, command);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Note(eventData, command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            Note(eventData, command);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Note(eventData, command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
        {
            Note(eventData, command);
            return result;
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Note(eventData, command);
            return ValueTask.FromResult(result);
        }
    }

    private sealed class Transactions : DbTransactionInterceptor
    {
        public override InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
        {
            (eventData.Context as RosterDbContext)?.NoteWrite();
            return result;
        }

        public override ValueTask<InterceptionResult> TransactionCommittingAsync(
            DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            (eventData.Context as RosterDbContext)?.NoteWrite();
            return ValueTask.FromResult(result);
        }
    }
}
