using System.Net;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Operations;

/// <summary>Roster on a database of its own that the test takes away (PostgreSQL stopped, SQLite's folder gone) and brings back.</summary>
public sealed class UnplugableServer : RosterServer
{
    private UnplugableDatabase _plug = null!;

    protected override TestDatabase? SharedDatabase => _plug.Database;

    public Task UnplugAsync() => _plug.UnplugAsync();

    public Task PlugBackAsync() => _plug.PlugBackAsync();

    public override async Task InitializeAsync()
    {
        _plug = await UnplugableDatabase.CreateAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _plug.DisposeAsync();
    }
}

public sealed class DatabaseOutageTests(UnplugableServer server) : IClassFixture<UnplugableServer>
{
    [Fact]
    public async Task Requests_WhileTheDatabaseCannotBeReached_Answer503WithRetryAfter_AndSucceedOnceItIsBack()
    {
        var admin = await server.SignedInClientAsync();
        await server.UnplugAsync();
        try
        {
            var read = await admin.GetAsync("/public/v1/accounts");
            (await read.ExpectErrorAsync(HttpStatusCode.ServiceUnavailable)).ShouldBe("server.unavailable");
            read.Headers.RetryAfter?.Delta.ShouldNotBeNull();

            var write = await admin.PostJsonAsync("/public/v1/accounts", new { name = "Made in the dark" });
            (await write.ExpectErrorAsync(HttpStatusCode.ServiceUnavailable)).ShouldBe("server.unavailable");
            write.Headers.RetryAfter?.Delta.ShouldNotBeNull();

            var page = await admin.GetAsync("/settings/general?tab=1");
            var html = await page.Content.ReadAsStringAsync();
            page.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, html);
            page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
            page.Headers.RetryAfter?.Delta.ShouldNotBeNull();
            html.ShouldContain("cannot reach its database");
            html.ShouldContain("href=\"/settings/general?tab=1\"", Case.Sensitive, "a way to try again: the same page");
            html.ShouldNotContain("Exception", Case.Sensitive);
            html.ShouldNotContain(" at Roster.");
        }
        finally
        {
            await server.PlugBackAsync();
        }

        var accounts = await (await admin.GetAsync("/public/v1/accounts")).ExpectAsync(HttpStatusCode.OK);
        accounts.AsArray().Select(a => a!["name"]!.GetValue<string>()).ShouldNotContain("Made in the dark");
        await (await admin.PostJsonAsync("/public/v1/accounts", new { name = "Made in the light" })).ExpectAsync(HttpStatusCode.Created);
        (await admin.GetAsync("/settings/general")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
