using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Roster.Accounts;
using Roster.Data;
using Roster.Querying;
using Roster.Tests.Groups;
using Roster.Tests.Infrastructure;
using Roster.Users;

namespace Roster.Tests.Members;

/// <summary>
/// An export reads the whole list by its ordering key: every member once, in the list's order, at any batch size and
/// for every ordering the list offers, and rows added or removed between batches neither repeat nor hide others.
/// </summary>
public sealed class ExportMembersTests : IAsyncLifetime
{
    private readonly RosterFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    public static TheoryData<string> Orderings()
    {
        var data = new TheoryData<string>();
        foreach (var field in new[] { "id", "name", "email", "status", "events.created.at", "events.invited.at", "events.activated.at", "events.signed.at" })
        {
            data.Add($"ordering({field})");
            data.Add($"ordering(-{field})");
        }
        data.Add("ordering(status,-name)");
        data.Add("eq(status,active)&ordering(-events.signed.at)");
        data.Add("search=member&ordering(email)");
        return data;
    }

    [Fact]
    public async Task Export_AtAnyBatchSize_IsTheWholeOrderedList_IgnoringPaging_WithoutLinks()
    {
        var account = await _fixture.NewAccountAsync();
        for (var i = 0; i < 5; i++)
            await _fixture.RunAsync((InviteMember invite) => invite.HandleAsync(
                new InviteMemberRequest(account.Id, null, $"Invitee {i}", $"invitee{(i * 2) % 5}@example.com", [account.AdministratorsId]), account.Admin));
        var query = Parse("ordering(-email)&limit=2&offset=1");

        var expected = await ListAsync(account, query);
        foreach (var batchSize in new[] { 1, 3, 4, 1000 })
        {
            var exported = await ExportAsync(account, query, batchSize);
            expected.Count.ShouldBe(6);
            exported.Select(v => v.Id).ShouldBe(expected, $"batch size {batchSize}");
            exported.ShouldAllBe(v => v.InvitationLink == null && v.Groups.Count == 1);
        }
    }

    [Theory]
    [MemberData(nameof(Orderings))]
    public async Task Export_ForEveryOrdering_AtBatchSizes1_2_7_1000_EqualsTheList(string rql)
    {
        var account = await _fixture.NewAccountAsync();
        await AddVariedMembersAsync(account, 11);
        var query = Parse(rql);

        var expected = await ListAsync(account, query);
        foreach (var batchSize in new[] { 1, 2, 7, 1000 })
            (await ExportAsync(account, query, batchSize)).Select(v => v.Id).ShouldBe(expected, $"{rql}, batch size {batchSize}");
    }

    [Theory]
    [InlineData("ordering(name)")]
    [InlineData("ordering(-events.signed.at)")]
    [InlineData("ordering(status)")]
    [InlineData("ordering(-email)")]
    public async Task Export_RowsDeletedBetweenBatches_SkipNoOther(string rql)
    {
        var account = await _fixture.NewAccountAsync();
        await AddVariedMembersAsync(account, 9);
        var query = Parse(rql);
        var before = await ListAsync(account, query);
        var unread = before[5];

        var seen = await ExportChangingAsync(account, query, async seen =>
        {
            // The second batch is read: a row already exported and one not read yet go.
            await RemoveAsync(account, seen[0]);
            await RemoveAsync(account, unread);
        });

        seen.ShouldBe(before.Where(id => id != unread), $"{rql}: every other row is exported once, in order");
    }

    [Theory]
    [InlineData("ordering(name)", "Aaron First", "Zed Last")]
    [InlineData("ordering(-name)", "Zed First", "Aaron Last")]
    public async Task Export_RowsInsertedBetweenBatches_RepeatNoOther(string rql, string sortsFirst, string sortsLast)
    {
        var account = await _fixture.NewAccountAsync();
        await AddVariedMembersAsync(account, 9);
        var query = Parse(rql);
        var before = await ListAsync(account, query);
        var added = new List<string>();

        var seen = await ExportChangingAsync(account, query, async _ =>
        {
            // The second batch is read: one row comes before everything read so far, one after everything.
            added.Add(await AddNamedMemberAsync(account, sortsFirst));
            added.Add(await AddNamedMemberAsync(account, sortsLast));
        });

        seen.ShouldBe([.. before, added[1]], $"{rql}: the rows there throughout once, in order, then the one added after the cursor");
    }

    /// <summary>Exports two rows a batch and runs <paramref name="change"/> once the second batch has been read.</summary>
    private Task<List<string>> ExportChangingAsync(TestAccount account, RqlQuery query, Func<List<string>, Task> change) =>
        _fixture.InScopeAsync(async services =>
        {
            var seen = new List<string>();
            await foreach (var row in (await Export(services, 2).OpenAsync(account.Admin, account.Id, query)).ShouldSucceed())
            {
                seen.Add(row.Id);
                if (seen.Count == 3) await change(seen);
            }
            return seen;
        });

    private async Task<string> AddNamedMemberAsync(TestAccount account, string name)
    {
        var user = await _fixture.AddMemberAsync(account);
        await _fixture.DbAsync(db => db.Memberships.Where(m => m.AccountId == account.Id && m.UserId == user.Id)
            .ExecuteUpdateAsync(m => m.SetProperty(x => x.Name, name)));
        return user.Id;
    }

    [Fact]
    public async Task Export_WithABadQuery_FailsBeforeReadingAnything()
    {
        var account = await _fixture.NewAccountAsync();

        var opened = await _fixture.InScopeAsync(services => services.GetRequiredService<ExportMembers>().OpenAsync(account.Admin, account.Id, Parse("eq(status,sleeping)")));

        opened.ShouldFail().Code.ShouldBe("rql.bad_value");
    }

    [Fact]
    public async Task Export_ByAStranger_IsAnAccountNotFound()
    {
        var account = await _fixture.NewAccountAsync();
        var other = await _fixture.NewAccountAsync();

        var opened = await _fixture.InScopeAsync(services => services.GetRequiredService<ExportMembers>().OpenAsync(other.Admin, account.Id, Parse("")));

        opened.ShouldFail().Code.ShouldBe("account.not_found");
    }

    /// <summary>Members with repeated names, emails in another order, every status and some dates missing.</summary>
    private async Task<List<string>> AddVariedMembersAsync(TestAccount account, int count)
    {
        var ids = new List<string>();
        var statuses = Enum.GetValues<MembershipStatus>();
        for (var i = 0; i < count; i++)
        {
            var user = await _fixture.AddMemberAsync(account, statuses[i % statuses.Length]);
            var n = ids.Count + Random.Shared.Next(1000);
            await _fixture.DbAsync(async db =>
            {
                var membership = await db.Memberships.SingleAsync(m => m.AccountId == account.Id && m.UserId == user.Id);
                membership.Name = $"Member {n % 3}";
                membership.Email = $"m{(n * 7) % 11}-{user.Id}@example.com";
                var at = _fixture.Clock.GetUtcNow().AddMinutes(-(n % 4));
                membership.InvitedAt = n % 2 == 0 ? at : null;
                membership.ActivatedAt = n % 3 == 0 ? null : at;
                membership.SignedInAt = n % 4 == 0 ? null : at.AddSeconds(n % 2);
                return await db.SaveChangesAsync();
            });
            ids.Add(user.Id);
        }
        return ids;
    }

    private Task<int> RemoveAsync(TestAccount account, string userId) => _fixture.DbAsync(db =>
        db.Memberships.Where(m => m.AccountId == account.Id && m.UserId == userId).ExecuteDeleteAsync());

    private Task<List<string>> ListAsync(TestAccount account, RqlQuery query) => _fixture.InScopeAsync(async services =>
        (await services.GetRequiredService<MemberList>().ReadAsync(account.Admin, account.Id, query with { Limit = 1000, Offset = 0 }))
            .ShouldSucceed().Rows.Select(m => m.Id).ToList());

    private Task<List<MemberView>> ExportAsync(TestAccount account, RqlQuery query, int batchSize) => _fixture.InScopeAsync(async services =>
    {
        var rows = new List<MemberView>();
        await foreach (var row in (await Export(services, batchSize).OpenAsync(account.Admin, account.Id, query)).ShouldSucceed())
            rows.Add(row);
        return rows;
    });

    private static ExportMembers Export(IServiceProvider services, int batchSize) => new(
        services.GetRequiredService<RosterDbContext>(), services.GetRequiredService<MemberPages>(), services.GetRequiredService<MemberViews>(),
        Options.Create(new ExportOptions { BatchSize = batchSize }));

    private static RqlQuery Parse(string rql) => Rql.Parse("?" + rql).ShouldSucceed();
}
