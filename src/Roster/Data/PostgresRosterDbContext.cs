using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Users;

namespace Roster.Data;

public sealed class PostgresRosterDbContext(DbContextOptions<PostgresRosterDbContext> options) : RosterDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
    protected override string EmailDomainSql => "lower(substr(\"Email\", strpos(\"Email\", '@') + 1))";
    protected override string EmptyListSql => "'{}'::text[]";
    protected override bool StoresComputedColumns => true;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("pg_trgm");
        builder.Entity<MemberSearchEntry>(entry =>
        {
            entry.HasOne<Membership>().WithOne().HasForeignKey<MemberSearchEntry>(e => new { e.AccountId, e.UserId })
                .OnDelete(DeleteBehavior.Cascade);
            entry.HasIndex(e => e.Text).HasMethod("gin").HasOperators("gin_trgm_ops");
        });
    }
}
