using Npgsql;
using Roster.Data;

namespace Roster.Tests.Setup;

/// <summary>
/// The connection string Roster gives Npgsql: pooled connections are reused without a reset and frequent statements
/// are prepared, unless the operator's connection string says otherwise (in either spelling of the keys).
/// </summary>
public sealed class PostgresConnectionDefaultsTests
{
    [Fact]
    public void PostgresConnectionString_OperatorSetNeither_SkipsResetAndPrepares()
    {
        var applied = new NpgsqlConnectionStringBuilder(DataServices.PostgresConnectionString("Host=db;Username=roster;Database=roster"));

        applied.NoResetOnClose.ShouldBeTrue();
        applied.MaxAutoPrepare.ShouldBe(64);
        applied.Host.ShouldBe("db");
    }

    [Theory]
    [InlineData("Host=db;No Reset On Close=false;Max Auto Prepare=0")]
    [InlineData("Host=db;noresetonclose=False;MAXAUTOPREPARE=0")]
    public void PostgresConnectionString_OperatorSetBoth_KeepsTheirs(string configured)
    {
        var applied = new NpgsqlConnectionStringBuilder(DataServices.PostgresConnectionString(configured));

        applied.NoResetOnClose.ShouldBeFalse();
        applied.MaxAutoPrepare.ShouldBe(0);
    }
}
