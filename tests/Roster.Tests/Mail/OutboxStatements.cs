using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Roster.Tests.Mail;

/// <summary>
/// Counts the UPDATE statements on the outbox table that EF Core executes against one database while it is alive.
/// EF Core reports every command on its diagnostic listener, in every process; the database's name tells this test's
/// commands from those of tests running beside it.
/// </summary>
public sealed class OutboxStatements : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly string _database;
    private readonly IDisposable _subscription;
    private readonly List<IDisposable> _listeners = [];
    private int _updates;

    private OutboxStatements(string database)
    {
        _database = database;
        _subscription = DiagnosticListener.AllListeners.Subscribe(this);
    }

    /// <summary>Starts counting the commands sent over connections to the same database as <paramref name="connection"/>.</summary>
    public static OutboxStatements On(DbConnection connection) => new(Identify(connection));

    public int Updates => Volatile.Read(ref _updates);

    private static string Identify(DbConnection connection) => $"{connection.DataSource}|{connection.Database}";

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name != DbLoggerCategory.Name) return;
        lock (_listeners) _listeners.Add(listener.Subscribe(this));
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key != RelationalEventId.CommandExecuted.Name || value.Value is not CommandExecutedEventData executed) return;
        var command = executed.Command;
        if (command.Connection is null || Identify(command.Connection) != _database) return;
        var text = command.CommandText.TrimStart();
        if (text.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase) && text.Contains("mail_outbox", StringComparison.Ordinal))
            Interlocked.Increment(ref _updates);
    }

    public void OnCompleted() { }

    public void OnError(Exception error) { }

    public void Dispose()
    {
        _subscription.Dispose();
        lock (_listeners) _listeners.ForEach(l => l.Dispose());
    }
}
