using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roster.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PartnersAndContacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "account_contacts",
                columns: table => new
                {
                    AccountId = table.Column<string>(type: "character varying(20)", nullable: false),
                    UserId = table.Column<string>(type: "character varying(20)", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    AddedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_account_contacts", x => new { x.AccountId, x.UserId, x.Kind });
                    table.ForeignKey(
                        name: "FK_account_contacts_memberships_AccountId_UserId",
                        columns: x => new { x.AccountId, x.UserId },
                        principalTable: "memberships",
                        principalColumns: new[] { "AccountId", "UserId" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "partnerships",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    InviterAccountId = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    InviteeAccountId = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedById = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    CreatedByName = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    AcceptedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    TerminatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    TerminatedByAccountId = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_partnerships", x => x.Id);
                    table.ForeignKey(
                        name: "FK_partnerships_accounts_InviteeAccountId",
                        column: x => x.InviteeAccountId,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_partnerships_accounts_InviterAccountId",
                        column: x => x.InviterAccountId,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_partnerships_InviteeAccountId_Status",
                table: "partnerships",
                columns: new[] { "InviteeAccountId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_partnerships_InviterAccountId_Status",
                table: "partnerships",
                columns: new[] { "InviterAccountId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "account_contacts");

            migrationBuilder.DropTable(
                name: "partnerships");
        }
    }
}
