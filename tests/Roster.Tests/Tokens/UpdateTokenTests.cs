using Microsoft.EntityFrameworkCore;
using Roster.Audit;
using Roster.Tests.Groups;
using Roster.Tests.Infrastructure;
using Roster.Tokens;

namespace Roster.Tests.Tokens;

public sealed class UpdateTokenTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    [Fact]
    public async Task UpdateToken_SentBackAsItWas_WritesNoEntry_AndKeepsUpdateTime()
    {
        var account = await fixture.NewAccountAsync();
        var issued = await fixture.RunAsync((CreateToken create) =>
            create.HandleAsync(new CreateTokenRequest("Sync", null, null, null, null), account.Admin));
        var tokenId = issued.ShouldSucceed().Token.Id;
        fixture.Clock.Advance(TimeSpan.FromMinutes(5));

        var same = await fixture.RunAsync((UpdateToken update) => update.HandleAsync(new UpdateTokenRequest(tokenId, "Sync", "", ""), account.Admin));
        var renamed = await fixture.RunAsync((UpdateToken update) => update.HandleAsync(new UpdateTokenRequest(tokenId, "Sync 2", "", ""), account.Admin));

        same.Succeeded.ShouldBeTrue(same.Error?.Message);
        renamed.ShouldSucceed().Token.UpdatedAt.ShouldBe(fixture.Clock.GetUtcNow());
        (await fixture.DbAsync(db => db.AuditEntries.Where(e => e.ObjectId == tokenId && e.Action == AuditAction.TokenUpdated)
            .Select(e => e.Changes).ToListAsync()))
            .ShouldBe(["""{"before":{"name":"Sync"},"after":{"name":"Sync 2"}}"""]);
    }
}
