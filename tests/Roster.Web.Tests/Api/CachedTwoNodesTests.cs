using System.Diagnostics;
using System.Net;
using Roster.Data;
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
                    (await Should.ThrowAsync<InvalidOperationException>(() => second.InitializeAsync())).Message.ShouldContain("Sessions:Validation=Cached");
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
