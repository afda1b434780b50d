using System.Data.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Roster.Data;

namespace Roster.Web.Tests.Infrastructure;

/// <summary>
/// Cuts a request's database connection around its commit, as a network failure would, for requests that carry the
/// <see cref="Header"/> header (and for no other work of the server, such as its mail dispatcher):
/// <see cref="AfterCommit"/>: the commit is acknowledged, then every later command of the request fails;
/// <see cref="LostAcknowledgement"/>: the commit is applied, but the request hears a failure instead of its acknowledgement;
/// <see cref="BeforeCommit"/>: the request's first save fails, so nothing is applied.
/// The failure is the one the provider raises for a lost connection (a stream that ends on PostgreSQL, an I/O error on SQLite).
/// </summary>
public sealed class ConnectionCuts(IHttpContextAccessor http)
{
    public const string Header = "X-Test-Cut";
    public const string AfterCommit = "after-commit";
    public const string LostAcknowledgement = "lost-acknowledgement";
    public const string BeforeCommit = "before-commit";

    private static readonly object Committed = new();

    public static void AddTo(IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<ConnectionCuts>();
        services.AddSingleton<IInterceptor>(provider => new Commands(provider.GetRequiredService<ConnectionCuts>()));
        services.AddSingleton<IInterceptor>(provider => new Transactions(provider.GetRequiredService<ConnectionCuts>()));
    }

    private string? Mode => http.HttpContext?.Request.Headers[Header].FirstOrDefault();

    private static Exception Cut(DbContext? context) => context is RosterDbContext { Provider: DatabaseProvider.Postgres }
        ? new NpgsqlException("Exception while reading from stream", new EndOfStreamException("The connection was cut (test)."))
        : new SqliteException("disk I/O error: the connection was cut (test)", 10);

    private void BeforeCommand(CommandEventData data)
    {
        var mode = Mode;
        if (mode == AfterCommit && http.HttpContext!.Items.ContainsKey(Committed)) throw Cut(data.Context);
        if (mode == BeforeCommit && data.CommandSource == CommandSource.SaveChanges) throw Cut(data.Context);
    }

    private void AfterTransactionCommitted(TransactionEndEventData data)
    {
        var mode = Mode;
        if (mode == AfterCommit) http.HttpContext!.Items[Committed] = true;
        if (mode == LostAcknowledgement) throw Cut(data.Context);
    }

    private sealed class Commands(ConnectionCuts cuts) : DbCommandInterceptor
    {
        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            cuts.BeforeCommand(eventData);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            cuts.BeforeCommand(eventData);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            cuts.BeforeCommand(eventData);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            cuts.BeforeCommand(eventData);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
        {
            cuts.BeforeCommand(eventData);
            return result;
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            cuts.BeforeCommand(eventData);
            return ValueTask.FromResult(result);
        }
    }

    private sealed class Transactions(ConnectionCuts cuts) : DbTransactionInterceptor
    {
        public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
            cuts.AfterTransactionCommitted(eventData);

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            cuts.AfterTransactionCommitted(eventData);
            return Task.CompletedTask;
        }
    }
}
