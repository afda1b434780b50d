using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roster.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CredentialNotices : Migration
    {
        // Every table a credential's check reads (ADR 0017), and for sessions and users the columns it reads: the
        // session's last-activity touch and a user's other settings change nothing a check answers. Statement
        // triggers, so a statement notifies once however many rows it changes, and PostgreSQL folds the identical
        // notices of one transaction into one, delivered when it commits.
        private const string Channel = "roster_credentials";

        private static readonly (string Table, string Update)[] Watched =
        [
            ("sessions", @"UPDATE OF ""Id"", ""SecretHash"", ""UserId"", ""AccountId"", ""Status"", ""CreatedAt"", ""EndedAt"", ""Ip"", ""UserAgent"", ""IdentityProviderId"", ""ProviderMfa"""),
            ("users", @"UPDATE OF ""Id"", ""Name"", ""AuthenticatorKey"""),
            ("api_tokens", "UPDATE"),
            ("memberships", "UPDATE"),
            ("accounts", "UPDATE"),
            ("access_rules", "UPDATE"),
            ("access_list_settings", "UPDATE"),
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($@"CREATE FUNCTION roster_credentials_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('{Channel}', '');
                    RETURN NULL;
                END $$;");
            foreach (var (table, update) in Watched)
            {
                migrationBuilder.Sql($@"CREATE TRIGGER {table}_credentials AFTER INSERT OR DELETE OR {update} ON {table}
                    FOR EACH STATEMENT EXECUTE FUNCTION roster_credentials_changed();");
                migrationBuilder.Sql($@"CREATE TRIGGER {table}_credentials_truncated AFTER TRUNCATE ON {table}
                    FOR EACH STATEMENT EXECUTE FUNCTION roster_credentials_changed();");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (table, _) in Watched)
            {
                migrationBuilder.Sql($"DROP TRIGGER {table}_credentials_truncated ON {table};");
                migrationBuilder.Sql($"DROP TRIGGER {table}_credentials ON {table};");
            }
            migrationBuilder.Sql("DROP FUNCTION roster_credentials_changed();");
        }
    }
}
