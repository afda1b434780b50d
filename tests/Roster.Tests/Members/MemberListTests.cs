using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roster.Accounts;
using Roster.Data;
using Roster.Groups;
using Roster.Invitations;
using Roster.Querying;
using Roster.Tests.Groups;
using Roster.Tests.Infrastructure;
using Roster.Users;

namespace Roster.Tests.Members;

/// <summary>
/// The Users list's shortcuts (counters kept by triggers, the trigram search index, the group plans) answer exactly
/// what counting and scanning every member would.
/// </summary>
public sealed class MemberListTests : IAsyncLifetime
{
    private readonly RosterFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task Counters_follow_every_change_of_membership()
    {
        var account = await _fixture.NewAccountAsync();
        var invited = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var created = await _fixture.RunAsync((InviteMember invite) => invite.HandleAsync(
                new InviteMemberRequest(account.Id, null, $"Invitee {i}", $"invitee{i}@example.com", [account.AdministratorsId]), account.Admin));
            invited.Add(created.ShouldSucceed().Member.Id);
        }
        var existing = await _fixture.NewUserAsync("Existing");
        await _fixture.RunAsync((InviteMember invite) =>
            invite.HandleAsync(new InviteMemberRequest(account.Id, null, existing.Name, existing.Email, [account.AdministratorsId]), account.Admin));
        await AssertCountersExactAsync(account.Id);

        await _fixture.RunAsync((RevokeInvitation revoke) => revoke.HandleAsync(account.Id, invited[0], account.Admin));
        await _fixture.RunAsync((ReinviteMember reinvite) => reinvite.HandleAsync(account.Id, invited[0], account.Admin));
        await _fixture.RunAsync((RevokeInvitation revoke) => revoke.HandleAsync(account.Id, invited[1], account.Admin));
        await _fixture.RunAsync((RemoveMember remove) => remove.HandleAsync(account.Id, invited[2], account.Admin));
        await RegisterAsync(account.Id, invited[3]);
        _fixture.Clock.Advance(TimeSpan.FromDays(30));
        await _fixture.RunAsync((ExpireInvitations expire) => expire.HandleAsync());
        await AssertCountersExactAsync(account.Id);

        var (_, total) = await ReadAsync(account.Id, RqlQuery.Empty);
        total.ShouldBe(5);
        (await ReadAsync(account.Id, Parse("eq(status,expired)"))).Total.ShouldBe(2);
        (await ReadAsync(account.Id, Parse("in(status,(active,expired))"))).Total.ShouldBe(5);
        (await ReadAsync(account.Id, Parse("eq(status,invited)"))).Total.ShouldBe(0);
    }

    [Fact]
    public async Task Search_through_the_index_finds_what_a_scan_finds()
    {
        var account = await _fixture.NewAccountAsync();
        await RenameAsync(await _fixture.AddMemberAsync(account), account.Id, "Ada Lovelace", "ada@engines.example");
        await RenameAsync(await _fixture.AddMemberAsync(account), account.Id, "Grace Hopper", "grace@navy.example");
        await RenameAsync(await _fixture.AddMemberAsync(account), account.Id, "Percent 100%_sure", "pct@example.com");
        var renamed = await _fixture.AddMemberAsync(account);
        await RenameAsync(renamed, account.Id, "Old Name", "old@example.com");
        await RenameAsync(renamed, account.Id, "Charles Babbage", "charles@engines.example");

        foreach (var (term, expected) in new[]
                 {
                     ("LOVE", new[] { "Ada Lovelace" }), ("engines.ex", ["Ada Lovelace", "Charles Babbage"]),
                     ("old", []), ("100%_", ["Percent 100%_sure"]), ("er", ["Founder", "Grace Hopper", "Percent 100%_sure"]),
                     (renamed.Id[3..], ["Charles Babbage"]), ("ace\nada", []),
                 })
        {
            foreach (var smallSet in new[] { 5000, 0 })
            {
                var (rows, total) = await ReadAsync(account.Id, RqlQuery.Empty with { Search = term }, smallSet);
                rows.Select(r => r.Name).ShouldBe(expected, $"search={term}, small set {smallSet}");
                total.ShouldBe(expected.Length);
            }
        }
    }

    [Fact]
    public async Task A_group_filter_gives_the_same_page_and_total_from_either_plan()
    {
        var account = await _fixture.NewAccountAsync();
        var support = await _fixture.NewGroupAsync(account, "Support");
        for (var i = 0; i < 6; i++)
            await _fixture.AddMemberAsync(account, i % 3 == 0 ? MembershipStatus.Invited : MembershipStatus.Active, i % 2 == 0 ? [support.Id] : []);

        var expected = await _fixture.DbAsync(db => db.GroupMembers.Where(g => g.GroupId == support.Id)
            .Join(db.Memberships, g => new { g.AccountId, g.UserId }, m => new { m.AccountId, m.UserId }, (g, m) => m.Name)
            .OrderBy(n => n).Skip(1).Take(2).ToListAsync());
        foreach (var filter in new[] { $"eq(groups.id,{support.Id})", "eq(groups.name,Support)" })
        {
            foreach (var smallSet in new[] { 5000, 1 })
            {
                var (rows, total) = await ReadAsync(account.Id, Parse(filter) with { Offset = 1, Limit = 2 }, smallSet);
                rows.Select(r => r.Name).ShouldBe(expected, $"{filter}, small set {smallSet}");
                total.ShouldBe(3);
            }
        }

        (await ReadAsync(account.Id, Parse("eq(groups.name,Nobody)"))).Total.ShouldBe(0);
        (await ReadAsync(account.Id, Parse("and(eq(groups.name,Support),eq(status,invited))"))).Total.ShouldBe(1);
    }

    [Theory]
    [InlineData("ordering(name)")]
    [InlineData("ordering(-name)")]
    [InlineData("ordering(-events.signed.at,name)")]
    [InlineData("eq(status,active)&ordering(email)")]
    [InlineData("search=e&ordering(-events.created.at)")]
    public async Task A_deep_page_found_by_ids_first_is_the_page_read_directly(string rql)
    {
        var account = await _fixture.NewAccountAsync();
        for (var i = 0; i < 9; i++)
        {
            var member = await _fixture.AddMemberAsync(account, i % 4 == 0 ? MembershipStatus.Invited : MembershipStatus.Active);
            // Repeated names, so the ordering's tie-break on the id decides between them.
            await RenameAsync(member, account.Id, $"Member {i % 3}", $"m{(i * 5) % 9}@example.com");
        }

        for (var offset = 0; offset < 10; offset++)
        {
            var query = Parse(rql) with { Offset = offset, Limit = 3 };
            var direct = await ReadAsync(account.Id, query, deepOffset: int.MaxValue);
            var byIds = await ReadAsync(account.Id, query, deepOffset: 0);
            byIds.Rows.Select(m => m.UserId).ShouldBe(direct.Rows.Select(m => m.UserId), $"{rql}, offset {offset}");
            byIds.Total.ShouldBe(direct.Total);
        }
    }

    [Fact]
    public async Task A_bad_query_is_refused_before_any_shortcut()
    {
        var account = await _fixture.NewAccountAsync();
        var result = await _fixture.InScopeAsync(services =>
            services.GetRequiredService<MemberList>().ReadAsync(account.Admin, account.Id, Parse("eq(status,sleeping)")));
        result.ShouldFail().Code.ShouldBe(RqlErrors.BadValue);
    }

    private async Task AssertCountersExactAsync(string accountId)
    {
        var (counted, actual) = await _fixture.DbAsync(async db => (
            await db.MemberCounts.Where(c => c.AccountId == accountId && c.Count != 0).ToDictionaryAsync(c => c.Status, c => c.Count),
            await db.Memberships.Where(m => m.AccountId == accountId).GroupBy(m => m.Status)
                .ToDictionaryAsync(g => g.Key, g => (long)g.Count())));
        counted.ShouldBe(actual, ignoreOrder: true);
    }

    private Task<bool> RegisterAsync(string accountId, string userId) => _fixture.InScopeAsync(async services =>
    {
        var db = services.GetRequiredService<RosterDbContext>();
        var invitation = await db.Invitations.SingleAsync(i => i.AccountId == accountId && i.UserId == userId && i.Status == InvitationStatus.Pending);
        var token = await services.GetRequiredService<InvitationLinks>().TokenForAsync(invitation.Id);
        var registered = await services.GetRequiredService<AcceptInvitation>().RegisterAsync(new RegisterRequest(token, "Registered", "correct horse battery"));
        registered.Succeeded.ShouldBeTrue(registered.Error?.Message);
        return true;
    });

    private Task<int> RenameAsync(User user, string accountId, string name, string email) => _fixture.DbAsync(async db =>
    {
        var membership = await db.Memberships.SingleAsync(m => m.AccountId == accountId && m.UserId == user.Id);
        membership.Name = name;
        membership.Email = email;
        return await db.SaveChangesAsync();
    });

    private Task<RqlPage<Membership>> ReadAsync(string accountId, RqlQuery query, int smallSet = 5000, int deepOffset = 10_000) =>
        _fixture.InScopeAsync(async services =>
        {
            var list = new MemberPages(services.GetRequiredService<RosterDbContext>()) { SmallSet = smallSet, DeepOffset = deepOffset };
            return (await list.ReadAsync(accountId, query)).ShouldSucceed();
        });

    private static RqlQuery Parse(string rql) => Rql.Parse("?" + rql).ShouldSucceed();
}
