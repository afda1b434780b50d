using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roster.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SingleSignOn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "IdentityProviderId",
                table: "sessions",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ProviderMfa",
                table: "sessions",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "identity_providers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AccountId = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    Type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Issuer = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    ClientId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ClientSecret = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    Scopes = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    ExternalIdClaim = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    EmailClaim = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    NameClaim = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Notice = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    GroupsClaim = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    GroupsAuto = table.Column<bool>(type: "INTEGER", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    CreatedByName = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    UpdatedByName = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_providers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_identity_providers_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "domains",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AccountId = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    Token = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    IdentityProviderId = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Enforce = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    CreatedByName = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    UpdatedByName = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    VerifiedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FailedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RejectedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CheckedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_domains", x => x.Id);
                    table.ForeignKey(
                        name: "FK_domains_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_domains_identity_providers_IdentityProviderId",
                        column: x => x.IdentityProviderId,
                        principalTable: "identity_providers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "domain_users",
                columns: table => new
                {
                    DomainId = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    IdentityProviderId = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_domain_users", x => new { x.DomainId, x.UserId });
                    table.ForeignKey(
                        name: "FK_domain_users_domains_DomainId",
                        column: x => x.DomainId,
                        principalTable: "domains",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_domain_users_identity_providers_IdentityProviderId",
                        column: x => x.IdentityProviderId,
                        principalTable: "identity_providers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_domain_users_users_UserId",
                        column: x => x.UserId,
                        principalTable: "users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_domain_users_IdentityProviderId",
                table: "domain_users",
                column: "IdentityProviderId");

            migrationBuilder.CreateIndex(
                name: "IX_domain_users_UserId",
                table: "domain_users",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_domains_AccountId_Name",
                table: "domains",
                columns: new[] { "AccountId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_domains_IdentityProviderId",
                table: "domains",
                column: "IdentityProviderId");

            migrationBuilder.CreateIndex(
                name: "IX_domains_Name_verified",
                table: "domains",
                column: "Name",
                unique: true,
                filter: "\"Status\" = 'verified'");

            migrationBuilder.CreateIndex(
                name: "IX_domains_Status_CheckedAt",
                table: "domains",
                columns: new[] { "Status", "CheckedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_identity_providers_AccountId_Name",
                table: "identity_providers",
                columns: new[] { "AccountId", "Name" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "domain_users");

            migrationBuilder.DropTable(
                name: "domains");

            migrationBuilder.DropTable(
                name: "identity_providers");

            migrationBuilder.DropColumn(
                name: "IdentityProviderId",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "ProviderMfa",
                table: "sessions");
        }
    }
}
