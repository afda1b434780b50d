using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Roster.Testing;
using Roster.Web.Tests.Infrastructure;
using Roster.Web;

namespace Roster.Web.Tests.Operations;

/// <summary>Every kind of answer tells browsers not to guess its content type, static files and failures included.</summary>
public sealed class SecurityHeaderTests(RosterServer server) : IClassFixture<RosterServer>
{
    private static void ShouldForbidSniffing(HttpResponseMessage response, string what) =>
        (response.Headers.TryGetValues("X-Content-Type-Options", out var values) ? values.Single() : "(none)").ShouldBe("nosniff", what);

    [Theory]
    [InlineData("/roster.css")]
    [InlineData("/roster.js")]
    [InlineData("/contacts.js")]
    [InlineData("/sign-in")]
    [InlineData("/settings/users")]
    [InlineData("/no-such-page")]
    [InlineData("/livez")]
    [InlineData("/healthz")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/public/v1/auth/context")]
    [InlineData("/public/v1/no-such-thing")]
    public async Task EveryAnswer_SaysNosniff(string path)
    {
        var client = server.CreateClient();

        ShouldForbidSniffing(await client.GetAsync(path), path);
        ShouldForbidSniffing(await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path)), "HEAD " + path);
    }

    [Theory]
    [InlineData("/roster.css")]
    [InlineData("/roster.js")]
    public async Task StaticFile_NotModified_SaysNosniff(string path)
    {
        var client = server.CreateClient();
        var first = await client.GetAsync(path);
        using var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        var response = await client.SendAsync(again);

        response.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        ShouldForbidSniffing(response, "304 " + path);
    }

    [Fact]
    public async Task ApiErrors_415And405_SayNosniff()
    {
        var client = await server.SignedInClientAsync();

        ShouldForbidSniffing(await client.PostAsync("/public/v1/auth/tokens", new StringContent("{}", System.Text.Encoding.UTF8, "text/plain")), "415");
        ShouldForbidSniffing(await client.PutJsonAsync("/public/v1/auth/login", new { }), "405");
    }

    [Fact]
    public async Task ServerErrors_OfThePortalAndTheApi_SayNosniff()
    {
        await using var app = RosterApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(
            [
                new("Database:Provider", "postgres"),
                new("ConnectionStrings:Roster", "Host=127.0.0.1;Port=1;Username=nobody;Database=nothing;Timeout=2"),
            ]);
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.WebHost.UseStaticWebAssets();
            builder.Logging.ClearProviders();
            LogRecorder.RecordSuiteRun(builder.Logging);
        });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var client = new HttpClient { BaseAddress = address };

        // Anonymous requests that read the database: a session cookie would run the session lookup, a query compiled
        // once per process, which a PostgreSQL app must not compile in a test run on SQLite.
        var api = await client.PostAsync("/public/v1/auth/login",
            new StringContent("{\"email\": \"a@b.test\", \"password\": \"x\"}", System.Text.Encoding.UTF8, "application/json"));
        var page = await client.GetAsync("/invitations/no-such-link");

        api.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, "the database cannot be reached");
        page.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, "the database cannot be reached");
        ShouldForbidSniffing(api, "API 503");
        ShouldForbidSniffing(page, "page 503");
        await app.StopAsync();
    }
}
