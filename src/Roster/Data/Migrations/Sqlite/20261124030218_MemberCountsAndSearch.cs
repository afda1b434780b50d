using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roster.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MemberCountsAndSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "member_counts",
                columns: table => new
                {
                    AccountId = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Count = table.Column<long>(type: "INTEGER", nullable: false)
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

            // Written by hand: the member counters and the trigram search index, kept by triggers in the same
            // transaction as every change to a membership, then filled from the existing members.
            migrationBuilder.Sql("CREATE VIRTUAL TABLE member_search USING fts5(Text, UserId, AccountId UNINDEXED, tokenize = 'trigram');");
            // A row of member_search is found by a LIKE on its indexed UserId column (ids contain no wildcards), which
            // the trigram index answers; the FTS rowid is not used because VACUUM may renumber the memberships' rowids.
            migrationBuilder.Sql(@"CREATE TRIGGER memberships_inserted AFTER INSERT ON memberships BEGIN
                INSERT INTO member_counts (AccountId, Status, Count) VALUES (new.AccountId, new.Status, 1)
                    ON CONFLICT (AccountId, Status) DO UPDATE SET Count = Count + 1;
                INSERT INTO member_search (Text, UserId, AccountId)
                    VALUES (new.Name || char(10) || new.Email || char(10) || new.UserId, new.UserId, new.AccountId);
            END;");
            migrationBuilder.Sql(@"CREATE TRIGGER memberships_deleted AFTER DELETE ON memberships BEGIN
                UPDATE member_counts SET Count = Count - 1 WHERE AccountId = old.AccountId AND Status = old.Status;
                DELETE FROM member_search WHERE UserId LIKE old.UserId AND AccountId = old.AccountId;
            END;");
            migrationBuilder.Sql(@"CREATE TRIGGER memberships_status_changed AFTER UPDATE OF Status ON memberships
                WHEN old.Status <> new.Status BEGIN
                UPDATE member_counts SET Count = Count - 1 WHERE AccountId = old.AccountId AND Status = old.Status;
                INSERT INTO member_counts (AccountId, Status, Count) VALUES (new.AccountId, new.Status, 1)
                    ON CONFLICT (AccountId, Status) DO UPDATE SET Count = Count + 1;
            END;");
            migrationBuilder.Sql(@"CREATE TRIGGER memberships_renamed AFTER UPDATE OF Name, Email ON memberships
                WHEN old.Name <> new.Name OR old.Email <> new.Email BEGIN
                DELETE FROM member_search WHERE UserId LIKE old.UserId AND AccountId = old.AccountId;
                INSERT INTO member_search (Text, UserId, AccountId)
                    VALUES (new.Name || char(10) || new.Email || char(10) || new.UserId, new.UserId, new.AccountId);
            END;");
            migrationBuilder.Sql(@"INSERT INTO member_counts (AccountId, Status, Count)
                SELECT AccountId, Status, count(*) FROM memberships GROUP BY AccountId, Status;");
            migrationBuilder.Sql(@"INSERT INTO member_search (Text, UserId, AccountId)
                SELECT Name || char(10) || Email || char(10) || UserId, UserId, AccountId FROM memberships;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER memberships_inserted; DROP TRIGGER memberships_deleted; DROP TRIGGER memberships_status_changed; DROP TRIGGER memberships_renamed; DROP TABLE member_search;");
            migrationBuilder.DropTable(
                name: "member_counts");
        }
    }
}
