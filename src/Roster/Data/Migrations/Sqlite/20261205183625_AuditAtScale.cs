using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roster.Data.Migrations.Sqlite
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
                    AccountId = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Action = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<long>(type: "INTEGER", nullable: false)
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

            // Written by hand: per-action counters of each account's entries and a trigram index of their searchable
            // text, both kept by triggers in the same transaction as every insert and purge, then filled from the
            // entries already there. The index reads its text through a view of audit_entries (external content), so
            // the text is not stored twice; its rowid is the entry's id, which VACUUM keeps (INTEGER PRIMARY KEY).
            // Entries are never updated, so no trigger follows updates. Personal entries (no account) are not indexed.
            migrationBuilder.Sql(@"CREATE VIEW audit_search_text AS SELECT Id, e.ActorId || char(10) || e.ActorName || char(10) || e.ObjectId || char(10) || coalesce(e.ObjectName, '') || char(10) || coalesce(e.Changes, '') AS Text
                FROM audit_entries AS e WHERE AccountId IS NOT NULL;");
            migrationBuilder.Sql("CREATE VIRTUAL TABLE audit_search USING fts5(Text, content = 'audit_search_text', content_rowid = 'Id', tokenize = 'trigram');");
            migrationBuilder.Sql(@"CREATE TRIGGER audit_entries_inserted AFTER INSERT ON audit_entries WHEN new.AccountId IS NOT NULL BEGIN
                INSERT INTO audit_counts (AccountId, Action, Count) VALUES (new.AccountId, new.Action, 1)
                    ON CONFLICT (AccountId, Action) DO UPDATE SET Count = Count + 1;
                INSERT INTO audit_search (rowid, Text) VALUES (new.Id, new.ActorId || char(10) || new.ActorName || char(10) || new.ObjectId || char(10) || coalesce(new.ObjectName, '') || char(10) || coalesce(new.Changes, ''));
            END;");
            migrationBuilder.Sql(@"CREATE TRIGGER audit_entries_deleted AFTER DELETE ON audit_entries WHEN old.AccountId IS NOT NULL BEGIN
                UPDATE audit_counts SET Count = Count - 1 WHERE AccountId = old.AccountId AND Action = old.Action;
                INSERT INTO audit_search (audit_search, rowid, Text) VALUES ('delete', old.Id, old.ActorId || char(10) || old.ActorName || char(10) || old.ObjectId || char(10) || coalesce(old.ObjectName, '') || char(10) || coalesce(old.Changes, ''));
            END;");
            migrationBuilder.Sql(@"INSERT INTO audit_counts (AccountId, Action, Count)
                SELECT AccountId, Action, count(*) FROM audit_entries WHERE AccountId IS NOT NULL GROUP BY AccountId, Action;");
            migrationBuilder.Sql("INSERT INTO audit_search (audit_search) VALUES ('rebuild');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER audit_entries_inserted; DROP TRIGGER audit_entries_deleted; DROP TABLE audit_search; DROP VIEW audit_search_text;");
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
        }
    }
}
