using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Roster.Data;

namespace Roster.Design;

public sealed class SqliteFactory : IDesignTimeDbContextFactory<SqliteRosterDbContext>
{
    public SqliteRosterDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteRosterDbContext>()
            .UseSqlite("Data Source=design.db", o => o.MigrationsAssembly("Roster")).Options);
}

public sealed class PostgresFactory : IDesignTimeDbContextFactory<PostgresRosterDbContext>
{
    public PostgresRosterDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresRosterDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=design", o => o.MigrationsAssembly("Roster")).Options);
}

public static class Program
{
    public static void Main() { }
}
