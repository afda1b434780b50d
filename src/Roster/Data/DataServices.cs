using System.Data.Common;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Roster.Common;

namespace Roster.Data;

public static class DataServices
{
    /// <summary>
    /// Registers the provider chosen by Database:Provider, with the connection from ConnectionStrings:Roster, and data
    /// protection with its key ring in that database (antiforgery tokens, authenticator keys), shared by every node.
    /// Interceptors registered as <see cref="IInterceptor"/> services join every context. A list in a query goes as one
    /// parameter (a JSON array on SQLite, an array on PostgreSQL), so a statement has one text whatever the list holds:
    /// spelled out one parameter each, EF's default, the text changes with the count, EF builds the SQL again for
    /// each count while concurrent requests wait on its lock, and PostgreSQL prepares each text apart. Compiled
    /// queries, which cannot ask for it query by query, get it too.
    /// </summary>
    public static IServiceCollection AddRosterData(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = configuration.GetConnectionString("Roster");
        switch (options.Provider.Trim().ToLowerInvariant())
        {
            case DatabaseOptions.Sqlite:
                var sqlite = SqliteConnectionString(connectionString, options.DataDirectory);
                services.AddDbContextPool<RosterDbContext, SqliteRosterDbContext>((provider, o) => o
                    .UseSqlite(sqlite, s => s.MigrationsAssembly(typeof(RosterDbContext).Assembly.GetName().Name)
                        .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
                    .AddInterceptors(new SqlitePragmas(), new SqliteFolding())
                    .AddInterceptors(WriteWatch.Interceptors)
                    .AddInterceptors(provider.GetServices<IInterceptor>())
                    .ConfigureWarnings(SkipModelComparison));
                break;
            case "postgres" or "postgresql":
                if (string.IsNullOrWhiteSpace(connectionString))
                    throw new StartRefused(
                        "Database:Provider is postgres but ConnectionStrings:Roster is empty. Set ConnectionStrings__Roster, " +
                        "for example Host=127.0.0.1;Username=roster;Password=...;Database=roster.");
                services.AddDbContextPool<RosterDbContext, PostgresRosterDbContext>((provider, o) => o
                    .UseNpgsql(PostgresConnectionString(connectionString), n => n.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
                    .AddInterceptors(WriteWatch.Interceptors)
                    .AddInterceptors(provider.GetServices<IInterceptor>())
                    .ConfigureWarnings(SkipModelComparison));
                break;
            default:
                throw new StartRefused($"Unknown Database:Provider '{options.Provider}'. Use sqlite or postgres.");
        }
        services.AddDataProtection().SetApplicationName("Roster");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new DatabaseXmlRepository(provider.GetRequiredService<IServiceScopeFactory>())));
        return services;
    }

    /// <summary>
    /// Before migrating, EF compares the model with the migrations' snapshot to warn of a change that has no migration.
    /// Comparing costs more than the rest of a start's migration check, and the answer only changes with the code, so
    /// a test makes the comparison once for each provider (MigrationsTests) instead of every start.
    /// </summary>
    private static void SkipModelComparison(WarningsConfigurationBuilder warnings) =>
        warnings.Ignore(RelationalEventId.PendingModelChangesWarning);

    /// <summary>
    /// Unless the operator set them: no reset when a pooled connection is reused, and automatic preparation of the
    /// statements a connection runs often. Npgsql otherwise sends <c>DISCARD ALL</c> before every reuse and prepares
    /// nothing, so each request's lookups were parsed and planned afresh, which cost PostgreSQL more CPU than the
    /// lookups themselves. Roster leaves no session state on a pooled connection (its start lock has an unpooled
    /// connection of its own; other advisory locks end with their transaction), so there is nothing to reset.
    /// </summary>
    public static string PostgresConnectionString(string configured)
    {
        HashSet<string> given;
        NpgsqlConnectionStringBuilder builder;
        try
        {
            given = new DbConnectionStringBuilder { ConnectionString = configured }.Keys.Cast<string>()
                .Select(key => key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()).ToHashSet();
            builder = new NpgsqlConnectionStringBuilder(configured);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new StartRefused(
                $"ConnectionStrings:Roster cannot be used with PostgreSQL: {Problem(e)}. Write it as " +
                "Host=127.0.0.1;Username=roster;Password=...;Database=roster, or set Database:Provider=sqlite for a SQLite file.", e);
        }
        if (!given.Contains("NORESETONCLOSE")) builder.NoResetOnClose = true;
        if (!given.Contains("MAXAUTOPREPARE")) builder.MaxAutoPrepare = 64;
        return builder.ConnectionString;
    }

    /// <summary>
    /// A parser's complaint about a connection string as one clause: which keyword or position, never a value, without
    /// the parameter name or the link to another provider's keywords that the libraries append.
    /// </summary>
    private static string Problem(Exception e)
    {
        var text = e is ArgumentException { ParamName: { } name } ? e.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : e.Message;
        var sentence = text.IndexOf(". ", StringComparison.Ordinal);
        return (sentence < 0 ? text : text[..sentence]).TrimEnd('.');
    }

    private static string SqliteConnectionString(string? configured, string dataDirectory)
    {
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(
                string.IsNullOrWhiteSpace(configured) ? $"Data Source={Path.Combine(dataDirectory, "roster.db")}" : configured);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            // The usual cause: a PostgreSQL connection string with the provider left at its default.
            throw new StartRefused(
                $"ConnectionStrings:Roster cannot be used with SQLite: {Problem(e)}. For PostgreSQL, set " +
                "Database:Provider=postgres; for SQLite, write Data Source=<file>, or leave it unset for the data folder's roster.db.", e);
        }
        if (builder.Mode != SqliteOpenMode.Memory && !string.IsNullOrEmpty(builder.DataSource))
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            try
            {
                if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new StartRefused($"The SQLite database's folder {folder} cannot be created ({e.Message.TrimEnd('.')}). Set " +
                    "Database:DataDirectory, or ConnectionStrings:Roster's Data Source, to a folder Roster may write to.", e);
            }
        }
        builder.Pooling = true;
        builder.DefaultTimeout = 30;
        return builder.ToString();
    }
}
