using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Audit;
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
        // search= over an account's trail: every searchable column in one trigram index, which PostgreSQL reads once
        // per column of the search's OR.
        builder.Entity<AuditEntry>().HasIndex(e => new { e.ActorId, e.ActorName, e.ObjectId, e.ObjectName, e.Changes })
            .HasMethod("gin").HasOperators("gin_trgm_ops", "gin_trgm_ops", "gin_trgm_ops", "gin_trgm_ops", "gin_trgm_ops")
            .HasDatabaseName("IX_audit_entries_search");
    }
}
