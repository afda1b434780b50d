using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roster.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class UsersInvitationsGroups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "EmailIndex",
                table: "users");

            migrationBuilder.AddColumn<string>(
                name: "Email",
                table: "memberships",
                type: "TEXT",
                maxLength: 256,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "InvitedAt",
                table: "memberships",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InvitedById",
                table: "memberships",
                type: "TEXT",
                maxLength: 24,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InvitedByName",
                table: "memberships",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Name",
                table: "memberships",
                type: "TEXT",
                maxLength: 128,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "SignedInAt",
                table: "memberships",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Color",
                table: "groups",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CreatedById",
                table: "groups",
                type: "TEXT",
                maxLength: 24,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CreatedByName",
                table: "groups",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExternalId",
                table: "groups",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "groups",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "UpdatedAt",
                table: "groups",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UpdatedById",
                table: "groups",
                type: "TEXT",
                maxLength: 24,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UpdatedByName",
                table: "groups",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "GrantedAt",
                table: "group_permissions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "GrantedById",
                table: "group_permissions",
                type: "TEXT",
                maxLength: 24,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "GrantedByName",
                table: "group_permissions",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "AddedAt",
                table: "group_members",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "app_secrets",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_app_secrets", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "invitations",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    AccountId = table.Column<string>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AcceptedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RenewalRequestedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    InvitedById = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    InvitedByName = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_invitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_invitations_memberships_AccountId_UserId",
                        columns: x => new { x.AccountId, x.UserId },
                        principalTable: "memberships",
                        principalColumns: new[] { "AccountId", "UserId" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "list_preferences",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    AccountId = table.Column<string>(type: "TEXT", nullable: false),
                    List = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_list_preferences", x => new { x.UserId, x.AccountId, x.List });
                    table.ForeignKey(
                        name: "FK_list_preferences_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_list_preferences_users_UserId",
                        column: x => x.UserId,
                        principalTable: "users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "users",
                column: "NormalizedEmail",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_memberships_AccountId_ActivatedAt_UserId",
                table: "memberships",
                columns: new[] { "AccountId", "ActivatedAt", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_memberships_AccountId_CreatedAt_UserId",
                table: "memberships",
                columns: new[] { "AccountId", "CreatedAt", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_memberships_AccountId_Email_UserId",
                table: "memberships",
                columns: new[] { "AccountId", "Email", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_memberships_AccountId_InvitedAt_UserId",
                table: "memberships",
                columns: new[] { "AccountId", "InvitedAt", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_memberships_AccountId_Name_UserId",
                table: "memberships",
                columns: new[] { "AccountId", "Name", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_memberships_AccountId_SignedInAt_UserId",
                table: "memberships",
                columns: new[] { "AccountId", "SignedInAt", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_memberships_AccountId_Status_Name_UserId",
                table: "memberships",
                columns: new[] { "AccountId", "Status", "Name", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_invitations_AccountId_UserId_Status",
                table: "invitations",
                columns: new[] { "AccountId", "UserId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_invitations_Status_ExpiresAt",
                table: "invitations",
                columns: new[] { "Status", "ExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_invitations_TokenHash",
                table: "invitations",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_list_preferences_AccountId",
                table: "list_preferences",
                column: "AccountId");
            // Members created before this migration get their copies of the user's name, email and last sign-in.
            migrationBuilder.Sql(@"UPDATE memberships SET ""Name"" = u.""Name"", ""Email"" = COALESCE(u.""Email"", ''), ""SignedInAt"" = u.""LastSignedInAt""
                FROM users u WHERE u.""Id"" = memberships.""UserId"";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "app_secrets");

            migrationBuilder.DropTable(
                name: "invitations");

            migrationBuilder.DropTable(
                name: "list_preferences");

            migrationBuilder.DropIndex(
                name: "EmailIndex",
                table: "users");

            migrationBuilder.DropIndex(
                name: "IX_memberships_AccountId_ActivatedAt_UserId",
                table: "memberships");

            migrationBuilder.DropIndex(
                name: "IX_memberships_AccountId_CreatedAt_UserId",
                table: "memberships");

            migrationBuilder.DropIndex(
                name: "IX_memberships_AccountId_Email_UserId",
                table: "memberships");

            migrationBuilder.DropIndex(
                name: "IX_memberships_AccountId_InvitedAt_UserId",
                table: "memberships");

            migrationBuilder.DropIndex(
                name: "IX_memberships_AccountId_Name_UserId",
                table: "memberships");

            migrationBuilder.DropIndex(
                name: "IX_memberships_AccountId_SignedInAt_UserId",
                table: "memberships");

            migrationBuilder.DropIndex(
                name: "IX_memberships_AccountId_Status_Name_UserId",
                table: "memberships");

            migrationBuilder.DropColumn(
                name: "Email",
                table: "memberships");

            migrationBuilder.DropColumn(
                name: "InvitedAt",
                table: "memberships");

            migrationBuilder.DropColumn(
                name: "InvitedById",
                table: "memberships");

            migrationBuilder.DropColumn(
                name: "InvitedByName",
                table: "memberships");

            migrationBuilder.DropColumn(
                name: "Name",
                table: "memberships");

            migrationBuilder.DropColumn(
                name: "SignedInAt",
                table: "memberships");

            migrationBuilder.DropColumn(
                name: "Color",
                table: "groups");

            migrationBuilder.DropColumn(
                name: "CreatedById",
                table: "groups");

            migrationBuilder.DropColumn(
                name: "CreatedByName",
                table: "groups");

            migrationBuilder.DropColumn(
                name: "ExternalId",
                table: "groups");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "groups");

            migrationBuilder.DropColumn(
                name: "UpdatedAt",
                table: "groups");

            migrationBuilder.DropColumn(
                name: "UpdatedById",
                table: "groups");

            migrationBuilder.DropColumn(
                name: "UpdatedByName",
                table: "groups");

            migrationBuilder.DropColumn(
                name: "GrantedAt",
                table: "group_permissions");

            migrationBuilder.DropColumn(
                name: "GrantedById",
                table: "group_permissions");

            migrationBuilder.DropColumn(
                name: "GrantedByName",
                table: "group_permissions");

            migrationBuilder.DropColumn(
                name: "AddedAt",
                table: "group_members");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "users",
                column: "NormalizedEmail");
        }
    }
}
