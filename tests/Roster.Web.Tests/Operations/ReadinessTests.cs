using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roster.Data;
using Roster.Mail;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Operations;

/// <summary>A node whose dispatcher polls once an hour, so a mail committed without a poke waits as on a stuck outbox.</summary>
public sealed class IdleOutboxServer : RosterServer
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Mail:PollInterval", "01:00:00")];
}

public sealed class ReadinessTests
{
    [Fact]
    public async Task Probes_OnAMigratedDatabase_AreAllUp()
    {
        await using var server = await StartAsync(new RosterServer());
        var client = server.CreateClient();

        foreach (var path in new[] { "/healthz", "/healthz/live", "/healthz/ready", "/livez" })
            (await client.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.OK, path);
        var ready = await ReadAsync(client);
        ready.GetProperty("status").GetString().ShouldBe("ready");
    }

    [Fact]
    public async Task Ready_WithAMigrationNotApplied_Is503AndNamesIt()
    {
        await using var server = await StartAsync(new RosterServer());
        // As a node of a newer build sees the database while an older node still runs it: its last migration is missing.
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RosterDbContext>();
            var last = db.Database.GetAppliedMigrations().Last();
            await db.Database.ExecuteSqlAsync($"DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = {last}");
        }
        var client = server.CreateClient();

        var response = await client.GetAsync("/healthz/ready");

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await ReadAsync(client)).GetProperty("migrations").GetString().ShouldStartWith("1 migration(s) not applied");
        (await client.GetAsync("/healthz/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Ready_WithAMailDueLongerThanTheLimit_Is503UntilItIsSent()
    {
        await using var server = await StartAsync(new IdleOutboxServer());
        // The dispatcher's loop stopped, its pass at start included, so that only this test's pass below sends: a pass
        // at start that a busy machine held back until after the clock moved would send the mail before it was seen stuck.
        var dispatcher = server.Services.GetRequiredService<OutboxDispatcher>();
        await dispatcher.StopAsync(CancellationToken.None);
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RosterDbContext>();
            Outbox.Enqueue(db, "someone@frontstreet.test", "Waiting", "Body", server.Clock.GetUtcNow().AddMinutes(1));
            await db.SaveChangesAsync();
        }
        var client = server.CreateClient();
        server.Clock.Advance(TimeSpan.FromMinutes(10));
        (await client.GetAsync("/healthz/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);

        server.Clock.Advance(TimeSpan.FromMinutes(2));
        var stuck = await client.GetAsync("/healthz/ready");
        stuck.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await ReadAsync(client)).GetProperty("outbox").GetString().ShouldStartWith("1 mail(s) due for more than");
        (await client.GetAsync("/healthz/live")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await dispatcher.DispatchOnceAsync(CancellationToken.None)).ShouldBe(1);
        (await client.GetAsync("/healthz/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static async Task<JsonElement> ReadAsync(HttpClient client)
    {
        var response = await client.GetAsync("/healthz/ready");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static async Task<Started> StartAsync(RosterServer server)
    {
        await server.InitializeAsync();
        return new Started(server);
    }

    /// <summary>One server per test: each of them breaks its database in its own way.</summary>
    private sealed class Started(RosterServer server) : IAsyncDisposable
    {
        public IServiceProvider Services => server.Services;
        public MovableClock Clock => server.Clock;
        public HttpClient CreateClient() => server.CreateClient();
        public async ValueTask DisposeAsync() => await server.DisposeAsync();
    }
}
