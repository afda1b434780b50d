using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roster.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PersonalEventsLeaveAccountTrails : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(PersonalEventsSql.DeleteAccountCopies);
            migrationBuilder.Sql(PersonalEventsSql.MakeEndedSessionsPersonal);
        }

        /// <inheritdoc />
        // The account copies are not restored: they should never have been written.
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
