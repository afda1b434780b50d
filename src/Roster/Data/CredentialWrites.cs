using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Roster.Sessions;

namespace Roster.Data;

/// <summary>
/// In Cached mode, moves <see cref="CredentialCache"/> on once a write that could change a credential's check has
/// committed: any statement that changes rows and names sessions, tokens, memberships, accounts (their two-factor
/// policy among them), users, or address rules and their settings, however it was sent (SaveChanges, ExecuteUpdate,
/// ExecuteDelete, raw SQL). Inside a transaction the cache moves when that transaction commits, or fails to say
/// whether it did; outside one, when the statement is done. Only queries EF Core wrote from LINQ are taken as reads;
/// every other statement is read for its tables, and a doubt counts as a write. The session's last-activity touch
/// (<see cref="TouchAsync"/>) is the one write that leaves the cache alone.
/// </summary>
public static partial class CredentialWrites
{
    public static IInterceptor[] Interceptors(CredentialCache cache)
    {
        var pending = new ConditionalWeakTable<DbTransaction, object>();
        return [new Commands(cache, pending), new Transactions(cache, pending)];
    }

    /// <summary>Runs the touch of a session's last activity, which no check's answer depends on beyond its time.</summary>
    public static async Task TouchAsync(RosterDbContext db, Func<Task<int>> touch)
    {
        db.TouchingSession = true;
        try
        {
            await touch();
        }
        finally
        {
            db.TouchingSession = false;
        }
    }

    [GeneratedRegex(@"\b(sessions|api_tokens|memberships|accounts|users|access_rules|access_list_settings)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CredentialTable();

    // "FOR UPDATE" and "FOR NO KEY UPDATE" lock rows a transaction reads; they change nothing.
    [GeneratedRegex(@"\b(INSERT|DELETE|TRUNCATE|MERGE|REPLACE|DROP|ALTER)\b|(?<!\bFOR\s+(NO\s+KEY\s+)?)\bUPDATE\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Change();

    private static bool IsCredentialWrite(DbCommand command, CommandEventData data) =>
        data.CommandSource != CommandSource.LinqQuery
        && (data.Context as RosterDbContext)?.TouchingSession != true
        && Change().IsMatch(command.CommandText) && CredentialTable().IsMatch(command.CommandText);

    // Transactions that ran such a write, and readers of such a write outside one (its effect is done when closed).
    private sealed class Commands(CredentialCache cache, ConditionalWeakTable<DbTransaction, object> pending) : DbCommandInterceptor
    {
        private static readonly object Marker = new();
        private readonly ConditionalWeakTable<DbCommand, object> _openReaders = new();

        private void Note(DbCommand command, CommandEventData data, bool readerOpen = false)
        {
            if (!IsCredentialWrite(command, data)) return;
            if (command.Transaction is { } transaction)
            {
                pending.AddOrUpdate(transaction, Marker);
                return;
            }
            cache.Invalidate();
            if (readerOpen) _openReaders.AddOrUpdate(command, Marker);
        }

        // A statement that changed no row changed nothing (a sweep with nothing due); -1 says nothing and counts.
        public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
        {
            if (result != 0) Note(command, eventData);
            return result;
        }

        public override ValueTask<int> NonQueryExecutedAsync(
            DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            if (result != 0) Note(command, eventData);
            return ValueTask.FromResult(result);
        }

        public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
        {
            Note(command, eventData);
            return result;
        }

        public override ValueTask<object?> ScalarExecutedAsync(
            DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
        {
            Note(command, eventData);
            return ValueTask.FromResult(result);
        }

        public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
        {
            Note(command, eventData, readerOpen: true);
            return result;
        }

        public override ValueTask<DbDataReader> ReaderExecutedAsync(
            DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            Note(command, eventData, readerOpen: true);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
        {
            if (_openReaders.Remove(command)) cache.Invalidate();
            return result;
        }

        // A failed write may still have been applied (a lost connection after the commit): count it.
        public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Note(command, eventData);

        public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            Note(command, eventData);
            return Task.CompletedTask;
        }
    }

    private sealed class Transactions(CredentialCache cache, ConditionalWeakTable<DbTransaction, object> pending) : DbTransactionInterceptor
    {
        private void Ended(DbTransaction transaction, bool mayHaveCommitted)
        {
            if (pending.Remove(transaction) && mayHaveCommitted) cache.Invalidate();
        }

        public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Ended(transaction, true);

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Ended(transaction, true);
            return Task.CompletedTask;
        }

        public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Ended(transaction, false);

        public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Ended(transaction, false);
            return Task.CompletedTask;
        }

        // A commit or rollback that failed leaves the outcome unknown: count it as committed.
        public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Ended(transaction, true);

        public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            Ended(transaction, true);
            return Task.CompletedTask;
        }
    }
}
