using Microsoft.EntityFrameworkCore;
using Npgsql;
using Roster.Querying;

namespace Roster.Tests.Querying;

/// <summary>
/// The same seeded people in the database the suite runs on (a SQLite file, or a fresh PostgreSQL database when
/// ROSTER_TEST_PROVIDER=postgres); the tests only read, so one seeding serves the whole collection.
/// </summary>
public sealed class PeopleDatabases : IAsyncLifetime
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    private static readonly string? PostgresServer = Environment.GetEnvironmentVariable("ROSTER_TEST_POSTGRES");
    private readonly string _sqliteFile = Path.Combine(Path.GetTempPath(), $"roster-rql-{Guid.NewGuid():N}.db");
    private readonly string _postgresName = $"roster_rql_{Guid.NewGuid():N}";

    /// <summary>The provider of this run: scripts/test runs the suite once per provider.</summary>
    public static IReadOnlyList<string> ProviderNames { get; } =
        TestDatabase.SelectedProvider == Data.DatabaseProvider.Postgres ? [Postgres] : [Sqlite];

    public static TheoryData<string> Providers => new(ProviderNames);

    public PeopleDb Open(string provider) => provider == Sqlite
        ? new SqlitePeopleDb(new DbContextOptionsBuilder<SqlitePeopleDb>().UseSqlite($"Data Source={_sqliteFile};Pooling=false")
            .AddInterceptors(new Data.SqliteFolding()).Options)
        : new PostgresPeopleDb(new DbContextOptionsBuilder<PostgresPeopleDb>().UseNpgsql(PostgresConnection()).Options);

    public static RqlDialect Dialect(string provider) => provider == Sqlite ? RqlDialect.Sqlite : RqlDialect.Postgres;

    public async Task InitializeAsync()
    {
        foreach (var provider in ProviderNames)
        {
            await using var db = Open(provider);
            await db.Database.EnsureCreatedAsync();
            db.People.AddRange(PeopleData.All());
            await db.SaveChangesAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (!string.IsNullOrEmpty(PostgresServer))
        {
            await using var db = Open(Postgres);
            NpgsqlConnection.ClearAllPools();
            await db.Database.EnsureDeletedAsync();
        }

        File.Delete(_sqliteFile);
    }

    private string PostgresConnection() => new NpgsqlConnectionStringBuilder(PostgresServer) { Database = _postgresName }.ConnectionString;
}

[CollectionDefinition(Name)]
public sealed class PeopleCollection : ICollectionFixture<PeopleDatabases>
{
    public const string Name = "Querying.People";
}
