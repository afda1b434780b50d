using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Roster.Data;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Operations;

/// <summary>Several nodes started at the same moment on one database, as an orchestrator rolling out a deployment does.</summary>
public sealed class StartTogetherTests
{
    private const int Nodes = 3;
    private const int Rounds = 5;

    [Fact]
    public async Task ThreeNodesStartingAtOnce_OnAnEmptyDatabase_AllComeUp_WithOneAdministratorAndOneAccount()
    {
        for (var round = 1; round <= Rounds; round++)
        {
            await using var database = await TestDatabase.CreateEmptyAsync();

            await StartTogetherAndCheckAsync(database, $"round {round}");
        }
    }

    [Fact]
    public async Task ThreeNodesStartingAtOnce_WithOneMigrationPending_AllComeUp_AndApplyItOnce()
    {
        for (var round = 1; round <= Rounds; round++)
        {
            await using var database = await TestDatabase.CreateEmptyAsync();
            var pending = await SetUpOneMigrationBehindAsync(database);

            await StartTogetherAndCheckAsync(database, $"round {round}");

            await using var services = Services(database);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RosterDbContext>();
            (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
            (await db.Database.GetAppliedMigrationsAsync()).Count(m => m == pending).ShouldBe(1);
        }
    }

    private static async Task StartTogetherAndCheckAsync(TestDatabase database, string round)
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var starting = Enumerable.Range(0, Nodes).Select(_ => Task.Run(async () =>
        {
            await go.Task;
            return await RosterServer.StartAsync(database, new MovableClock(), []);
        })).ToArray();
        go.SetResult();
        var outcomes = await Task.WhenAll(starting.Select(async t =>
        {
            try
            {
                return (App: await t, Error: (Exception?)null);
            }
            catch (Exception e)
            {
                return (App: (WebApplication?)null, Error: e);
            }
        }));
        try
        {
            string.Join("\n", outcomes.Select(o => o.Error).OfType<Exception>().Select(e => e.ToString())).ShouldBeEmpty(round);
            foreach (var (app, _) in outcomes)
            {
                using var client = new HttpClient { BaseAddress = new Uri(app!.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };
                (await client.GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.OK, round);
                await (await client.PostJsonAsync("/public/v1/auth/login", new { email = RosterServer.AdminEmail, password = RosterServer.AdminPassword }))
                    .ExpectAsync(HttpStatusCode.Created);
            }
            await using var scope = outcomes[0].App!.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RosterDbContext>();
            (await db.Users.CountAsync()).ShouldBe(1, round);
            (await db.Accounts.CountAsync()).ShouldBe(1, round);
        }
        finally
        {
            foreach (var app in outcomes.Select(o => o.App).OfType<WebApplication>())
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// A database in use (set up, with its administrator) whose newest migration is reverted, as it is before an upgrade
    /// that brings one; returns that migration's id.
    /// </summary>
    private static async Task<string> SetUpOneMigrationBehindAsync(TestDatabase database)
    {
        var app = await RosterServer.StartAsync(database, new MovableClock(), []);
        await app.StopAsync();
        await app.DisposeAsync();

        await using var services = Services(database);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RosterDbContext>();
        var migrations = db.Database.GetMigrations().ToList();
        await db.GetService<IMigrator>().MigrateAsync(migrations[^2]);
        (await db.Database.GetPendingMigrationsAsync()).ShouldBe([migrations[^1]]);
        return migrations[^1];
    }

    private static ServiceProvider Services(TestDatabase database)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(database.Settings).Build();
        return new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Warning)).AddRoster(configuration).BuildServiceProvider();
    }
}
