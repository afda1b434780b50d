using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roster.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AuditAtScale : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_counts",
                columns: table => new
                {
                    AccountId = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Action = table.Column<int>(type: "integer", nullable: false),
                    Count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_counts", x => new { x.AccountId, x.Action });
                });

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_AccountId_Action_At_Id",
                table: "audit_entries",
                columns: new[] { "AccountId", "Action", "At", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_AccountId_ActorId_At_Id",
                table: "audit_entries",
                columns: new[] { "AccountId", "ActorId", "At", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_At",
                table: "audit_entries",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_search",
                table: "audit_entries",
                columns: new[] { "ActorId", "ActorName", "ObjectId", "ObjectName", "Changes" })
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops", "gin_trgm_ops", "gin_trgm_ops", "gin_trgm_ops", "gin_trgm_ops" });

            // Written by hand: per-action counters of each account's entries, kept by statement triggers in the same
            // transaction as every insert and purge (one counter update per action and statement, rows taken in key
            // order), then filled from the entries already there. Entries are never updated. Decrements only update:
            // the row exists.
            migrationBuilder.Sql(@"CREATE FUNCTION roster_audit_entries_added() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO audit_counts (""AccountId"", ""Action"", ""Count"")
                        SELECT ""AccountId"", ""Action"", count(*) FROM added WHERE ""AccountId"" IS NOT NULL
                        GROUP BY ""AccountId"", ""Action"" ORDER BY ""AccountId"", ""Action""
                        ON CONFLICT (""AccountId"", ""Action"") DO UPDATE SET ""Count"" = audit_counts.""Count"" + EXCLUDED.""Count"";
                    RETURN NULL;
                END $$;");
            migrationBuilder.Sql(@"CREATE FUNCTION roster_audit_entries_removed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE audit_counts AS c SET ""Count"" = c.""Count"" - g.n
                        FROM (SELECT ""AccountId"", ""Action"", count(*) AS n FROM removed WHERE ""AccountId"" IS NOT NULL
                              GROUP BY ""AccountId"", ""Action"") AS g
                        WHERE c.""AccountId"" = g.""AccountId"" AND c.""Action"" = g.""Action"";
                    RETURN NULL;
                END $$;");
            migrationBuilder.Sql(@"CREATE TRIGGER audit_entries_added AFTER INSERT ON audit_entries REFERENCING NEW TABLE AS added
                FOR EACH STATEMENT EXECUTE FUNCTION roster_audit_entries_added();");
            migrationBuilder.Sql(@"CREATE TRIGGER audit_entries_removed AFTER DELETE ON audit_entries REFERENCING OLD TABLE AS removed
                FOR EACH STATEMENT EXECUTE FUNCTION roster_audit_entries_removed();");
            migrationBuilder.Sql(@"INSERT INTO audit_counts (""AccountId"", ""Action"", ""Count"")
                SELECT ""AccountId"", ""Action"", count(*) FROM audit_entries WHERE ""AccountId"" IS NOT NULL GROUP BY ""AccountId"", ""Action"";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(@"DROP TRIGGER audit_entries_added ON audit_entries; DROP TRIGGER audit_entries_removed ON audit_entries;
                DROP FUNCTION roster_audit_entries_added(); DROP FUNCTION roster_audit_entries_removed();");
            migrationBuilder.DropTable(
                name: "audit_counts");

            migrationBuilder.DropIndex(
                name: "IX_audit_entries_AccountId_Action_At_Id",
                table: "audit_entries");

            migrationBuilder.DropIndex(
                name: "IX_audit_entries_AccountId_ActorId_At_Id",
                table: "audit_entries");

            migrationBuilder.DropIndex(
                name: "IX_audit_entries_At",
                table: "audit_entries");

            migrationBuilder.DropIndex(
                name: "IX_audit_entries_search",
                table: "audit_entries");
        }
    }
}
