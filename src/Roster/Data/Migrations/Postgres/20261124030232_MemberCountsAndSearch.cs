using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roster.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MemberCountsAndSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateTable(
                name: "member_counts",
                columns: table => new
                {
                    AccountId = table.Column<string>(type: "character varying(20)", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_member_counts", x => new { x.AccountId, x.Status });
                    table.ForeignKey(
                        name: "FK_member_counts_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "member_search",
                columns: table => new
                {
                    AccountId = table.Column<string>(type: "character varying(20)", nullable: false),
                    UserId = table.Column<string>(type: "character varying(20)", nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_member_search", x => new { x.AccountId, x.UserId });
                    table.ForeignKey(
                        name: "FK_member_search_memberships_AccountId_UserId",
                        columns: x => new { x.AccountId, x.UserId },
                        principalTable: "memberships",
                        principalColumns: new[] { "AccountId", "UserId" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_member_search_Text",
                table: "member_search",
                column: "Text")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            // Written by hand: the member counters and the trigram search text, kept by a trigger in the same
            // transaction as every change to a membership, then filled from the existing members. A status change
            // takes its two counter rows in a fixed order, so concurrent transitions cannot deadlock on them.
            // Decrements only update: the row exists, and an account being deleted must not get a new one.
            migrationBuilder.Sql(@"CREATE FUNCTION roster_count_member(account text, status text, delta bigint) RETURNS void
                LANGUAGE sql AS $$
                INSERT INTO member_counts (""AccountId"", ""Status"", ""Count"") SELECT account, status, delta WHERE delta > 0
                    ON CONFLICT (""AccountId"", ""Status"") DO UPDATE SET ""Count"" = member_counts.""Count"" + EXCLUDED.""Count"";
                UPDATE member_counts SET ""Count"" = ""Count"" + delta WHERE delta < 0 AND ""AccountId"" = account AND ""Status"" = status;
                $$;");
            migrationBuilder.Sql(@"CREATE FUNCTION roster_membership_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        PERFORM roster_count_member(NEW.""AccountId"", NEW.""Status"", 1);
                        INSERT INTO member_search (""AccountId"", ""UserId"", ""Text"")
                            VALUES (NEW.""AccountId"", NEW.""UserId"", NEW.""Name"" || E'\n' || NEW.""Email"" || E'\n' || NEW.""UserId"");
                    ELSIF TG_OP = 'DELETE' THEN
                        -- The member_search row goes with the membership through its foreign key.
                        PERFORM roster_count_member(OLD.""AccountId"", OLD.""Status"", -1);
                    ELSE
                        IF OLD.""Status"" < NEW.""Status"" THEN
                            PERFORM roster_count_member(OLD.""AccountId"", OLD.""Status"", -1);
                            PERFORM roster_count_member(NEW.""AccountId"", NEW.""Status"", 1);
                        ELSIF OLD.""Status"" > NEW.""Status"" THEN
                            PERFORM roster_count_member(NEW.""AccountId"", NEW.""Status"", 1);
                            PERFORM roster_count_member(OLD.""AccountId"", OLD.""Status"", -1);
                        END IF;
                        IF OLD.""Name"" <> NEW.""Name"" OR OLD.""Email"" <> NEW.""Email"" THEN
                            UPDATE member_search SET ""Text"" = NEW.""Name"" || E'\n' || NEW.""Email"" || E'\n' || NEW.""UserId""
                                WHERE ""AccountId"" = NEW.""AccountId"" AND ""UserId"" = NEW.""UserId"";
                        END IF;
                    END IF;
                    RETURN NULL;
                END $$;");
            migrationBuilder.Sql(@"CREATE TRIGGER memberships_changed AFTER INSERT OR DELETE OR UPDATE OF ""Status"", ""Name"", ""Email""
                ON memberships FOR EACH ROW EXECUTE FUNCTION roster_membership_changed();");
            migrationBuilder.Sql(@"INSERT INTO member_counts (""AccountId"", ""Status"", ""Count"")
                SELECT ""AccountId"", ""Status"", count(*) FROM memberships GROUP BY ""AccountId"", ""Status"";");
            migrationBuilder.Sql(@"INSERT INTO member_search (""AccountId"", ""UserId"", ""Text"")
                SELECT ""AccountId"", ""UserId"", ""Name"" || E'\n' || ""Email"" || E'\n' || ""UserId"" FROM memberships;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER memberships_changed ON memberships; DROP FUNCTION roster_membership_changed(); DROP FUNCTION roster_count_member(text, text, bigint);");

            migrationBuilder.DropTable(
                name: "member_counts");

            migrationBuilder.DropTable(
                name: "member_search");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
