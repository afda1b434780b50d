using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Roster.Audit;
using Roster.Users;

namespace Roster.Data;

public sealed class SqliteRosterDbContext(DbContextOptions<SqliteRosterDbContext> options) : RosterDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override string EmailDomainSql => "lower(substr(\"Email\", instr(\"Email\", '@') + 1))";
    protected override string EmptyListSql => "'[]'";
    protected override bool StoresComputedColumns => false;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        SqliteFolding.Map(builder);
        // An FTS5 virtual table with the trigram tokenizer, created by the migration's SQL rather than from the model.
        builder.Entity<MemberSearchEntry>().ToTable("member_search", table => table.ExcludeFromMigrations());
        builder.Entity<AuditSearchEntry>(entry =>
        {
            entry.ToTable("audit_search", table => table.ExcludeFromMigrations());
            entry.Property(e => e.Id).HasColumnName("rowid");
        });
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or order DateTimeOffset text; UTC ticks keep both exact and indexable.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
}
