using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roster.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MemberEmailDomains : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "EmailDomain",
                table: "users",
                type: "TEXT",
                maxLength: 256,
                nullable: true,
                computedColumnSql: "lower(substr(\"Email\", instr(\"Email\", '@') + 1))",
                stored: false);

            migrationBuilder.AddColumn<string>(
                name: "EmailDomain",
                table: "memberships",
                type: "TEXT",
                maxLength: 256,
                nullable: true,
                computedColumnSql: "lower(substr(\"Email\", instr(\"Email\", '@') + 1))",
                stored: false);

            migrationBuilder.CreateIndex(
                name: "IX_users_EmailDomain_Name_Id",
                table: "users",
                columns: new[] { "EmailDomain", "Name", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_memberships_AccountId_EmailDomain_Name_UserId",
                table: "memberships",
                columns: new[] { "AccountId", "EmailDomain", "Name", "UserId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_users_EmailDomain_Name_Id",
                table: "users");

            migrationBuilder.DropIndex(
                name: "IX_memberships_AccountId_EmailDomain_Name_UserId",
                table: "memberships");

            migrationBuilder.DropColumn(
                name: "EmailDomain",
                table: "users");

            migrationBuilder.DropColumn(
                name: "EmailDomain",
                table: "memberships");
        }
    }
}
