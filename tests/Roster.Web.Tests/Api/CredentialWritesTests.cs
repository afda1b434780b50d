using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roster.Data;
using Roster.Sessions;

namespace Roster.Web.Tests.Api;

/// <summary>
/// Which writes move the credential cache on in Cached mode: any committed change to a table a check reads, however it
/// is sent (raw SQL here, as no use case would write it), and nothing that did not commit or changed another table.
/// </summary>
public sealed class CredentialWritesTests(CachedServer server) : IClassFixture<CachedServer>
{
    private CredentialCache Cache => server.Services.GetRequiredService<CredentialCache>();

    [Fact]
    public async Task RawSqlChangingAccounts_OutsideATransaction_MovesTheCacheOn()
    {
        var before = Cache.Generation;

        await InScopeAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE accounts SET \"Name\" = \"Name\""));

        Cache.Generation.ShouldBeGreaterThan(before);
    }

    [Fact]
    public async Task ExecuteDeleteOfMemberships_InACommittedTransaction_MovesTheCacheOnAtTheCommit()
    {
        await InScopeAsync(async db =>
        {
            var before = Cache.Generation;
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Memberships.Where(m => m.AccountId == "no such account").ExecuteDeleteAsync();
            await db.Database.ExecuteSqlRawAsync("UPDATE memberships SET \"Status\" = \"Status\"");
            // Not before: a check read meanwhile still sees the old rows, and must not be kept as current.
            Cache.Generation.ShouldBe(before);

            await transaction.CommitAsync();

            Cache.Generation.ShouldBeGreaterThan(before);
            return 0;
        });
    }

    [Fact]
    public async Task ChangeOfACredentialTable_RolledBack_LeavesTheCacheAlone()
    {
        await InScopeAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlRawAsync("UPDATE accounts SET \"Name\" = \"Name\"");
            var before = Cache.Generation;

            await transaction.RollbackAsync();

            Cache.Generation.ShouldBe(before);
            return 0;
        });
    }

    [Fact]
    public async Task ChangeOfAnotherTable_LeavesTheCacheAlone()
    {
        var before = Cache.Generation;

        await InScopeAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE modules SET \"Name\" = \"Name\""));

        Cache.Generation.ShouldBe(before);
    }

    private async Task InScopeAsync(Func<RosterDbContext, Task<int>> work)
    {
        await using var scope = server.Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<RosterDbContext>());
    }
}
