using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Roster.Common;
using Roster.Data;
using Roster.Setup;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Setup;

public sealed class FirstStartTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateEmptyAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task<ServiceProvider> StartAsync(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(_database.Settings.Concat(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))))
            .Build();
        var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Warning)).AddRoster(configuration).BuildServiceProvider();
        await DatabaseMigrator.MigrateAsync(services);
        return services;
    }

    [Fact]
    public async Task Migrating_AnEmptyDatabase_LogsNoError()
    {
        // Operators read an error at a first start as something to fix; a fresh database has nothing wrong with it.
        using var log = new LogRecorder();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_database.Settings).Build();
        await using var services = new ServiceCollection().AddLogging(l => l.AddProvider(log)).AddRoster(configuration).BuildServiceProvider();

        await DatabaseMigrator.MigrateAsync(services);

        log.Text.Split('\n').ShouldNotContain(line => line.StartsWith("Error ", StringComparison.Ordinal), log.Text);
    }

    private static readonly (string, string)[] Bootstrap =
    [
        ("Bootstrap:AdminEmail", "first@roster.test"), ("Bootstrap:AdminPassword", "first admin password"),
        ("Bootstrap:AccountName", "First Account"), ("Bootstrap:AccountRole", "distributor"),
    ];

    [Fact]
    public async Task FirstStart_WithBootstrapSettingsOnEmptyDatabase_CreatesAccountAndAdministrator_OnlyOnce()
    {
        await using var services = await StartAsync(Bootstrap);

        var first = await FirstStart.RunAsync(services);
        var second = await FirstStart.RunAsync(services);

        first.Outcome.ShouldBe(FirstStartOutcome.Bootstrapped);
        second.Outcome.ShouldBe(FirstStartOutcome.AlreadySetUp);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RosterDbContext>();
        (await db.Users.CountAsync()).ShouldBe(1);
        var account = await db.Accounts.SingleAsync();
        account.Name.ShouldBe("First Account");
        account.Id.ShouldStartWith("PA-");
    }

    [Fact]
    public async Task FirstStart_WithoutSettings_OpensAOneTimeSetupLink()
    {
        await using var services = await StartAsync();

        var (outcome, secret) = await FirstStart.RunAsync(services);

        outcome.ShouldBe(FirstStartOutcome.AwaitingSetup);
        var link = services.GetRequiredService<SetupLink>();
        link.Matches(secret).ShouldBeTrue();
        link.Matches("guess").ShouldBeFalse();
        link.TryConsume(secret).ShouldBeTrue();
        link.TryConsume(secret).ShouldBeFalse();
        link.Matches(secret).ShouldBeFalse();
    }

    [Fact]
    public async Task FirstStart_WithInvalidBootstrapPassword_RefusesToStart_AndCreatesNothing()
    {
        await using var services = await StartAsync(
            ("Bootstrap:AdminEmail", "first@roster.test"), ("Bootstrap:AdminPassword", "short"),
            ("Bootstrap:AccountName", "First Account"), ("Bootstrap:AccountRole", "vendor"));

        var refused = await Should.ThrowAsync<StartRefused>(() => FirstStart.RunAsync(services));

        refused.Message.ShouldStartWith("The Bootstrap settings cannot be used: Bootstrap:AdminPassword: ");

        await using var scope = services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<RosterDbContext>().Accounts.AnyAsync()).ShouldBeFalse();
    }

    [Fact]
    public async Task CreateFirstAdministrator_WhenAUserExists_IsRefused()
    {
        await using var services = await StartAsync(Bootstrap);
        await FirstStart.RunAsync(services);
        await using var scope = services.CreateAsyncScope();

        var again = await scope.ServiceProvider.GetRequiredService<CreateFirstAdministrator>().HandleAsync(
            new FirstAdministratorRequest("Intruder", "intruder@roster.test", "intruder password", "Evil Corp", "vendor"));

        again.Error.ShouldBe(CreateFirstAdministrator.AlreadySetUp);
    }

    [Fact]
    public async Task FirstStart_WithTheDemoOnEmptyDatabase_SeedsItAndOpensNoSetupLink()
    {
        await using var services = await StartAsync();

        var (outcome, secret) = await FirstStart.RunAsync(services, seedDemo: true);

        outcome.ShouldBe(FirstStartOutcome.DemoSeeded);
        secret.ShouldBeNull();
        services.GetRequiredService<SetupLink>().IsOpen.ShouldBeFalse();
        await using var scope = services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<RosterDbContext>().Accounts.CountAsync(a => a.Name == DemoData.VendorName)).ShouldBe(1);
    }

    [Fact]
    public async Task DemoData_SeedsFrontStreetOnce()
    {
        await using var services = await StartAsync(Bootstrap);
        await FirstStart.RunAsync(services, seedDemo: true);
        await FirstStart.RunAsync(services, seedDemo: true);

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RosterDbContext>();
        (await db.Accounts.CountAsync(a => a.Name == DemoData.VendorName)).ShouldBe(1);
        (await db.Users.CountAsync(u => u.Email == "rbalboa@frontstreet.com")).ShouldBe(1);
    }

    [Fact]
    public async Task CreateFirstAdministrator_OnTwoNodesAtOnce_CreatesOneAndRefusesTheOther()
    {
        for (var round = 1; round <= 5; round++)
        {
            await using var database = await TestDatabase.CreateEmptyAsync();
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(database.Settings).Build();
            await using var first = new ServiceCollection().AddLogging().AddRoster(configuration).BuildServiceProvider();
            await using var second = new ServiceCollection().AddLogging().AddRoster(configuration).BuildServiceProvider();
            await DatabaseMigrator.MigrateAsync(first);
            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

            // Two setup pages, one on each node, submitted together by two people.
            var submissions = new[] { (Node: first, Name: "one"), (Node: second, Name: "two") }.Select(page => Task.Run(async () =>
            {
                await go.Task;
                await using var scope = page.Node.CreateAsyncScope();
                return await scope.ServiceProvider.GetRequiredService<CreateFirstAdministrator>().HandleAsync(new FirstAdministratorRequest(
                    null, $"{page.Name}@roster.test", "first admin password", $"Account {page.Name}", "vendor"));
            })).ToArray();
            go.SetResult();
            var results = await Task.WhenAll(submissions);

            results.Count(r => r.Succeeded).ShouldBe(1, $"round {round}");
            results.Single(r => !r.Succeeded).Error.ShouldBe(CreateFirstAdministrator.AlreadySetUp, $"round {round}");
            await using var scope = first.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RosterDbContext>();
            (await db.Users.CountAsync()).ShouldBe(1, $"round {round}");
            (await db.Accounts.CountAsync()).ShouldBe(1, $"round {round}");
        }
    }
}
