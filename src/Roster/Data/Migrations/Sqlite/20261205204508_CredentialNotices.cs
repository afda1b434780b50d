using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roster.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CredentialNotices : Migration
    {
        // PostgreSQL's triggers tell other nodes of credential-bearing writes. SQLite has no notices between
        // processes, and Cached mode there is for a single process (SqliteNodes), so there is nothing to add.

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
