using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Roster.Common;
using Roster.Data;
using CredentialCache = Roster.Sessions.CredentialCache;
using CredentialNotices = Roster.Sessions.CredentialNotices;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Api;

/// <summary>A second node in Cached mode on the first one's database.</summary>
public sealed class CachedSecondNode(RosterServer first) : CachedServer
{
    protected override TestDatabase? SharedDatabase => first.Database;
}

/// <summary>
/// Cached mode on several nodes. On PostgreSQL a node hears the others' credential-bearing commits through the
/// database's notices, so a revocation made on one node is refused on another within the notices' delivery time,
/// which the tests bound by <see cref="Bound"/> (ADR 0017). On SQLite a Cached process must be the only one on its
/// database, and any second process is refused at its start.
/// </summary>
public sealed class CachedTwoNodesTests(CachedServer first) : IClassFixture<CachedServer>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);
    private static bool OnPostgres => TestDatabase.SelectedProvider == DatabaseProvider.Postgres;

    [Fact]
    public async Task SecondNode_BesideACachedOne_StartsOnlyOnPostgres()
    {
        foreach (var second in new RosterServer[] { new SecondNode(first), new CachedSecondNode(first) })
        {
            try
            {
                if (OnPostgres)
                {
                    await second.InitializeAsync();
                    await (await (await second.SignedInClientAsync()).GetAsync("/public/v1/auth/context")).ExpectAsync(HttpStatusCode.OK);
                }
                else
                {
                    (await Should.ThrowAsync<StartRefused>(() => second.InitializeAsync())).Message.ShouldContain("Sessions:Validation=Cached");
                }
            }
            finally
            {
                await second.DisposeAsync();
            }
        }
        // The first node serves on as before.
        await (await (await first.SignedInClientAsync()).GetAsync("/public/v1/auth/context")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task SessionEndedOnOneNode_IsRefusedByTheOtherWithinTheBound()
    {
        if (!OnPostgres) return; // SQLite: a second node does not start (above).
        var second = new CachedSecondNode(first);
        await second.InitializeAsync();
        using var counter = new StatementCounter();
        try
        {
            var cookie = await CachedServer.SignInCookieAsync(first);
            using var onFirst = first.WithCookie(cookie);
            using var onSecond = second.WithCookie(cookie);
            await CachedServer.WarmAsync(counter, onSecond, "/public/v1/auth/context");

            await (await onFirst.PostJsonAsync("/public/v1/auth/logout", null)).ExpectAsync(HttpStatusCode.OK);

            await RefusedWithinBoundAsync(onSecond, "/public/v1/auth/context");
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task TokenDeactivatedOnOneNode_IsRefusedByTheOtherWithinTheBound()
    {
        if (!OnPostgres) return; // SQLite: a second node does not start (above).
        var second = new CachedSecondNode(first);
        await second.InitializeAsync();
        using var counter = new StatementCounter();
        try
        {
            var admin = await first.SignedInClientAsync();
            var header = await admin.CreateActiveTokenAsync();
            var onSecond = second.WithApiKey(header);
            await CachedServer.WarmAsync(counter, onSecond, "/public/v1/accounts");

            await (await admin.PostJsonAsync($"/public/v1/auth/tokens/{header.Split(' ', ':')[1]}/deactivate", null)).ExpectAsync(HttpStatusCode.OK);

            await RefusedWithinBoundAsync(onSecond, "/public/v1/accounts");
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task ListenerLosingItsConnection_ServesNothingUntilItListensAgain_AndMissesNoRevocation()
    {
        if (!OnPostgres) return; // SQLite has no listener: a Cached process is the only writer.
        var cache = first.Services.GetRequiredService<CredentialCache>();
        using var counter = new StatementCounter();
        var cookie = await CachedServer.SignInCookieAsync(first);
        using var client = first.WithCookie(cookie);
        await CachedServer.WarmAsync(counter, client, "/public/v1/auth/context");

        // The database ends the listener's session, as a restart or a failover would.
        await using var other = new NpgsqlConnection(first.Database.ConnectionString + ";Pooling=false");
        await other.OpenAsync();
        await using (var terminate = new NpgsqlCommand(
            $"SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE application_name = '{CredentialNotices.ApplicationName}' " +
            "AND datname = current_database()", other))
            await terminate.ExecuteNonQueryAsync();
        await Until(() => !cache.Serving, "the node kept serving its cache without a listener");

        // Deaf, the node checks each request against the database (and keeps what it read), while another node (this
        // test's connection) ends the session: that notice reaches no one.
        var request = new HttpRequestMessage(HttpMethod.Get, "/public/v1/auth/context");
        var statements = counter.Mark(request);
        await (await client.SendAsync(request)).ExpectAsync(HttpStatusCode.OK);
        statements.ShouldContain(s => CachedServer.ReadsCredential(s), "a deaf node answered from its cache");
        await using (var end = new NpgsqlCommand("""UPDATE sessions SET "Status" = 'ended', "EndedAt" = now() WHERE "Status" = 'active'""", other))
            await end.ExecuteNonQueryAsync();

        // Listening again, the node has dropped what it kept while it could not hear.
        await Until(() => cache.Serving, "the node never listened again");
        await (await client.GetAsync("/public/v1/auth/context")).ExpectAsync(HttpStatusCode.Unauthorized);

        // And serves from its cache again.
        using var again = first.WithCookie(await CachedServer.SignInCookieAsync(first));
        await CachedServer.WarmAsync(counter, again, "/public/v1/auth/context");
    }

    private static async Task Until(Func<bool> condition, string otherwise)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            waited.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(15), otherwise);
            await Task.Delay(5);
        }
    }

    /// <summary>Asks until refused; answers other than OK or 401 fail at once, and so does still being let in at the bound.</summary>
    private static async Task RefusedWithinBoundAsync(HttpClient client, string path)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var response = await client.GetAsync(path);
            if (response.StatusCode == HttpStatusCode.Unauthorized) return;
            await response.ExpectAsync(HttpStatusCode.OK);
            waited.Elapsed.ShouldBeLessThan(Bound, "the other node still lets the revoked credential in");
            await Task.Delay(10);
        }
    }
}
