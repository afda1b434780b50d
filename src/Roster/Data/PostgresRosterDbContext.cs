using Microsoft.EntityFrameworkCore;

namespace Roster.Data;

public sealed class PostgresRosterDbContext(DbContextOptions<PostgresRosterDbContext> options) : RosterDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
