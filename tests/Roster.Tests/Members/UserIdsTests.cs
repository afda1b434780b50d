using Roster.Data;
using Roster.Tests.Groups;
using Roster.Tests.Infrastructure;
using Roster.Users;

namespace Roster.Tests.Members;

public sealed class UserIdsTests : IAsyncLifetime
{
    private readonly RosterFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task A_taken_id_is_skipped()
    {
        var taken = await _fixture.NewUserAsync("Taken");
        var candidates = new Queue<string>([taken.Id, taken.Id, "UR-000-000-001"]);

        var id = await _fixture.DbAsync(db => UserIds.UnusedAsync(db, candidates.Dequeue));

        id.ShouldBe("UR-000-000-001");
        candidates.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_full_id_space_is_reported_instead_of_looping()
    {
        var taken = await _fixture.NewUserAsync("Taken");

        await Should.ThrowAsync<InvalidOperationException>(() => _fixture.DbAsync(db => UserIds.UnusedAsync(db, () => taken.Id)));
    }
}
