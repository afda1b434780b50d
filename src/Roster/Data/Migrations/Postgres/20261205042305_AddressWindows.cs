using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roster.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddressWindows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "address_windows",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(96)", maxLength: 96, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    WindowEndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_address_windows", x => x.Key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_address_windows_WindowEndsAt",
                table: "address_windows",
                column: "WindowEndsAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "address_windows");
        }
    }
}
