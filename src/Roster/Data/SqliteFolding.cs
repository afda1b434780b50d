using System.Data.Common;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Roster.Data;

/// <summary>
/// Case folding for SQLite, whose LIKE and lower() fold ASCII letters only: a <c>roster_fold()</c> SQL function that
/// lower-cases as .NET does, registered on every connection, so that ilike and search find "Élodie" for "ÉLODIE" as
/// PostgreSQL's ILIKE does.
/// </summary>
public sealed class SqliteFolding : DbConnectionInterceptor
{
    private const string FunctionName = "roster_fold";

    private static readonly ConditionalWeakTable<SqliteConnection, object> Registered = new();

    internal static MethodInfo FoldMethod { get; } = typeof(SqliteFolding).GetMethod(nameof(Fold))!;

    /// <summary>Stands for <c>roster_fold()</c> in queries; SQLite runs it through the registered function.</summary>
    public static string? Fold(string? text) => text?.ToLowerInvariant();

    /// <summary>Lets EF Core translate <see cref="Fold"/> in a model on SQLite.</summary>
    public static void Map(ModelBuilder builder) => builder.HasDbFunction(FoldMethod).HasName(FunctionName);

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Register(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Register(connection);
        return Task.CompletedTask;
    }

    // The connection keeps the function and sets it again whenever it opens, so once per connection object is enough.
    private static void Register(DbConnection connection)
    {
        if (connection is SqliteConnection sqlite && Registered.TryAdd(sqlite, sqlite))
            sqlite.CreateFunction<string?, string?>(FunctionName, Fold, isDeterministic: true);
    }
}
