using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roster.Data;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Setup;

/// <summary>
/// Every change to the model comes with its migration, for the provider the suite runs on. Roster's starts skip this
/// comparison (DataServices), so this test is what catches a forgotten migration.
/// </summary>
public sealed class MigrationsTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    [Fact]
    public async Task Model_ComparedWithTheMigrationsSnapshot_HasNoChangeWithoutAMigration()
    {
        var pending = await fixture.InScopeAsync(s => Task.FromResult(s.GetRequiredService<RosterDbContext>().Database.HasPendingModelChanges()));

        pending.ShouldBeFalse($"the model of {fixture.Database.Provider} has changes that no migration makes: add one with dotnet ef migrations add");
    }
}
