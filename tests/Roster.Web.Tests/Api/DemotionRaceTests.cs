using System.Collections.Concurrent;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roster.Audit;
using Roster.Data;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Api;

/// <summary>
/// An administrator is demoted while a burst of their own writes is in flight on two nodes of one database. Every
/// write of theirs that commits must have been allowed by the state it saw at commit, so it is serialised before the
/// demotion: its audit entry, written in the same transaction, comes before the demotion's. An entry after it is a
/// write that passed its check before the demotion and committed after it.
/// </summary>
public sealed class DemotionRaceTests(RosterServer first) : IClassFixture<RosterServer>, IAsyncLifetime
{
    /// <summary>Clients per node, each sending one write after another, so writes keep arriving while the demotion commits.</summary>
    private const int WritersPerNode = 6;

    private const int WritesPerWriter = 15;

    /// <summary>How many writes answer before the demotion is sent.</summary>
    private const int AnsweredFirst = 10;

    private SecondNode _second = null!;

    public async Task InitializeAsync()
    {
        _second = new SecondNode(first);
        await _second.InitializeAsync();
    }

    public Task DisposeAsync() => _second.DisposeAsync();

    [Theory]
    [InlineData(AuditAction.MemberInvited)]
    [InlineData(AuditAction.GroupCreated)]
    [InlineData(AuditAction.TokenCreated)]
    public async Task Demotion_RacingAStreamOfTheDemotedAdministratorsWrites_NoneOfThemCommitsAfterIt(AuditAction kind)
    {
        var account = await OwnAccount.CreateAsync(first);
        var plain = await account.GroupAsync();
        var demoted = await account.MemberAsync(account.AdministratorsId);
        var writers = new List<HttpClient>();
        for (var i = 0; i < WritersPerNode; i++)
        {
            writers.Add(await first.SignedInClientAsync(demoted.Email, UsersOnServer.Password));
            writers.Add(await _second.SignedInClientAsync(demoted.Email, UsersOnServer.Password));
        }
        var answers = new ConcurrentQueue<HttpStatusCode>();
        var enoughAnswered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var writing = writers.Select((client, w) => Task.Run(async () =>
        {
            for (var i = 0; i < WritesPerWriter; i++)
            {
                var status = await WriteAsync(kind, client, account, plain, $"{w}-{i}");
                answers.Enqueue(status);
                if (answers.Count >= AnsweredFirst) enoughAnswered.TrySetResult();
                if (status != HttpStatusCode.Created) return;
            }
        })).ToList();
        // Also ends the wait when the writers stop early, so a failing writer fails the test instead of hanging it.
        await Task.WhenAny(enoughAnswered.Task, Task.WhenAll(writing));
        var demotion = await account.Owner.Client.DeleteAsync(account.Path($"/groups/{account.AdministratorsId}/users/{demoted.Id}"));
        await Task.WhenAll(writing);
        var afterwards = await WriteAsync(kind, writers[1], account, plain, "last");

        demotion.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        answers.ShouldAllBe(status => status == HttpStatusCode.Created || status == HttpStatusCode.Forbidden);
        afterwards.ShouldBe(HttpStatusCode.Forbidden);
        await using var scope = first.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RosterDbContext>();
        var demotedAt = await db.AuditEntries.Where(e => e.AccountId == account.Id && e.Action == AuditAction.GroupMemberRemoved)
            .Select(e => e.Id).SingleAsync();
        var committed = await db.AuditEntries.Where(e => e.AccountId == account.Id && e.ActorId == demoted.Id && e.Action == kind)
            .Select(e => e.Id).ToListAsync();
        committed.Count.ShouldBe(answers.Count(status => status == HttpStatusCode.Created));
        committed.Where(id => id > demotedAt).ShouldBeEmpty(
            $"{committed.Count(id => id > demotedAt)} of {committed.Count} writes committed after the demotion (entry {demotedAt})");
    }

    private static async Task<HttpStatusCode> WriteAsync(AuditAction kind, HttpClient client, OwnAccount account, string plainGroup, string tag)
    {
        using var response = kind switch
        {
            AuditAction.MemberInvited => await client.PostJsonAsync(account.Path("/users"),
                new { name = $"Racer {tag}", email = $"racer-{tag}-{Guid.NewGuid():N}@own.test", groups = new[] { new { id = plainGroup } } }),
            AuditAction.GroupCreated => await client.PostJsonAsync(account.Path("/groups"), new { name = $"race {tag} {Guid.NewGuid():N}"[..24] }),
            AuditAction.TokenCreated => await client.PostJsonAsync("/public/v1/auth/tokens", new { name = $"race {tag}" }),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        return response.StatusCode;
    }
}
