using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Roster.Accounts;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Invitations;
using Roster.Web.Tests.Api;
using Roster.Web.Tests.Infrastructure;
using Roster.Users;

namespace Roster.Web.Tests.Operations;

/// <summary>Background sweeps run on every node; each lapsed row must still be handled, and audited, once.</summary>
public sealed class TwoNodeSweepTests(RosterServer first) : IClassFixture<RosterServer>, IAsyncLifetime
{
    private static readonly TimeSpan PastLifetime = TimeSpan.FromDays(8);
    private SecondNode _second = null!;

    public async Task InitializeAsync()
    {
        _second = new SecondNode(first);
        await _second.InitializeAsync();
        // The fixture's node has lived through earlier tests' time; the two nodes' clocks agree, as servers' do.
        _second.Clock.Advance(first.Clock.GetUtcNow() - _second.Clock.GetUtcNow());
    }

    public Task DisposeAsync() => _second.DisposeAsync();

    [Fact]
    public async Task ExpirySweep_OnTwoNodesAtOnce_RecordsEachLapsedInvitationOnce()
    {
        for (var round = 1; round <= 3; round++)
        {
            var (account, owner) = await AccountAsync();
            var invited = await InviteAsync(account, owner, 200);
            AdvanceBothClocks(PastLifetime);

            await AtOnceAsync(SweepAsync(first), SweepAsync(_second));

            (await ExpiredEntriesAsync(account.Id)).Order().ShouldBe(invited.Order(), $"round {round}");
            (await StatusesAsync(account.Id, invited)).ShouldBe(invited.Select(_ => MembershipStatus.Expired), $"round {round}");
        }
    }

    [Fact]
    public async Task Reinvite_RacingTheExpirySweepOnAnotherNode_KeepsItsNewInvitationLive()
    {
        for (var round = 1; round <= 3; round++)
        {
            var (account, owner) = await AccountAsync();
            var invited = await InviteAsync(account, owner, 40);
            AdvanceBothClocks(PastLifetime);

            // Each lapsed member is invited again on the first node while both nodes sweep.
            var reinvites = invited.Select(userId => (Func<Task<int>>)(async () =>
            {
                await using var scope = first.Services.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<ReinviteMember>().HandleAsync(account.Id, userId, owner);
                result.Succeeded.ShouldBeTrue(result.Error?.Message);
                return 0;
            }));
            await AtOnceAsync([SweepAsync(_second), SweepAsync(first), .. reinvites]);

            (await StatusesAsync(account.Id, invited)).ShouldBe(invited.Select(_ => MembershipStatus.Invited), $"round {round}");
            await using var scope = first.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RosterDbContext>();
            var now = first.Clock.GetUtcNow();
            var live = await db.Invitations.Where(i => i.AccountId == account.Id && i.Status == InvitationStatus.Pending)
                .Select(i => new { i.UserId, i.ExpiresAt }).ToListAsync();
            live.Where(i => i.ExpiresAt > now).Select(i => i.UserId).Order().ShouldBe(invited.Order(), $"round {round}");
            (await ExpiredEntriesAsync(account.Id)).GroupBy(id => id).ShouldAllBe(g => g.Count() == 1, $"round {round}");
        }
    }

    [Fact]
    public async Task AuditPurge_OnTwoNodesAtOnce_DeletesEachOldEntryOnce_AndKeepsTheRest()
    {
        // Each node also purges on its own when it starts, with the configured year, and a node starts for every test.
        // The entries here are inside that year, and only the purges below, keeping 100 days, delete them: a start-up
        // purge that ran late could otherwise take them first, and the count below would miss them.
        var now = first.Clock.GetUtcNow();
        var (old, recent) = ($"old-{Guid.NewGuid():N}", $"recent-{Guid.NewGuid():N}");
        await using (var scope = first.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RosterDbContext>();
            for (var i = 0; i < 1500; i++)
                db.Record(Actor.System, AuditAction.InvitationExpired, "user", old, null, now - TimeSpan.FromDays(200), "AC-000-000-001");
            db.Record(Actor.System, AuditAction.InvitationExpired, "user", recent, null, now - TimeSpan.FromDays(50), "AC-000-000-001");
            await db.SaveChangesAsync();
        }

        var deleted = await AtOnceAsync(PurgeAsync(first, KeptDays), PurgeAsync(_second, KeptDays));

        deleted.Sum().ShouldBe(1500);
        await using var check = first.Services.CreateAsyncScope();
        var entries = check.ServiceProvider.GetRequiredService<RosterDbContext>().AuditEntries;
        (await entries.CountAsync(e => e.ObjectId == old)).ShouldBe(0);
        (await entries.CountAsync(e => e.ObjectId == recent)).ShouldBe(1);
    }

    private static readonly TimeSpan KeptDays = TimeSpan.FromDays(100);

    private void AdvanceBothClocks(TimeSpan by)
    {
        first.Clock.Advance(by);
        _second.Clock.Advance(by);
    }

    private async Task<(Account Account, Actor Owner)> AccountAsync()
    {
        var own = await OwnAccount.CreateAsync(first);
        await using var scope = first.Services.CreateAsyncScope();
        var account = await scope.ServiceProvider.GetRequiredService<RosterDbContext>().Accounts.SingleAsync(a => a.Id == own.Id);
        return (account, new Actor(ActorKind.User, own.Owner.Id, "Olga Owner", own.Id));
    }

    private async Task<List<string>> InviteAsync(Account account, Actor owner, int count)
    {
        var group = await GroupAsync(account.Id);
        var invited = new List<string>();
        for (var i = 0; i < count; i++)
        {
            await using var scope = first.Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<InviteMember>().HandleAsync(
                new InviteMemberRequest(account.Id, null, $"Invitee {i}", $"invitee-{Guid.NewGuid():N}@sweep.test", [group]), owner);
            invited.Add(result.Succeeded ? result.Value.Member.Id : throw new ShouldAssertException(result.Error.Message));
        }
        return invited;
    }

    private async Task<string> GroupAsync(string accountId)
    {
        await using var scope = first.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RosterDbContext>().Groups.Where(g => g.AccountId == accountId).Select(g => g.Id).FirstAsync();
    }

    private static Func<Task<int>> SweepAsync(RosterServer node) => async () =>
    {
        await using var scope = node.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ExpireInvitations>().HandleAsync();
    };

    private static Func<Task<int>> PurgeAsync(RosterServer node, TimeSpan retention) => async () =>
    {
        await using var scope = node.Services.CreateAsyncScope();
        var purge = new PurgeAuditEntries(scope.ServiceProvider.GetRequiredService<RosterDbContext>(), node.Clock,
            Options.Create(new AuditOptions { Retention = retention }));
        return await purge.HandleAsync();
    };

    /// <summary>Starts every piece of work at the same moment, each on its own thread.</summary>
    private static async Task<int[]> AtOnceAsync(params Func<Task<int>>[] work)
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = work.Select(w => Task.Run(async () =>
        {
            await go.Task;
            return await w();
        })).ToArray();
        go.SetResult();
        return await Task.WhenAll(running);
    }

    private async Task<List<string>> ExpiredEntriesAsync(string accountId)
    {
        await using var scope = first.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RosterDbContext>().AuditEntries
            .Where(e => e.AccountId == accountId && e.Action == AuditAction.InvitationExpired).Select(e => e.ObjectId).ToListAsync();
    }

    private async Task<List<MembershipStatus>> StatusesAsync(string accountId, List<string> userIds)
    {
        await using var scope = first.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RosterDbContext>().Memberships
            .Where(m => m.AccountId == accountId && userIds.Contains(m.UserId)).Select(m => m.Status).ToListAsync();
    }
}
