using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Operations;

/// <summary>
/// An OTLP/HTTP receiver on loopback: it answers every export with 200 and keeps what arrived, by signal, as bytes.
/// Protobuf keeps strings as UTF-8, so a value sent in a span can be looked for in the bytes.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private WebApplication _app = null!;

    public ConcurrentBag<(string Signal, string ContentType, byte[] Body)> Received { get; } = [];
    public Uri Address { get; private set; } = null!;

    public static async Task<OtlpReceiver> StartAsync()
    {
        var receiver = new OtlpReceiver();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            receiver.Received.Add((signal, request.ContentType ?? "", body.ToArray()));
            return Results.Bytes([], "application/x-protobuf");
        });
        await app.StartAsync();
        receiver._app = app;
        receiver.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

public sealed class OtlpServer(Uri endpoint) : RosterServer
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Telemetry:Otlp:Endpoint", endpoint.ToString().TrimEnd('/'))];
}

public sealed class OtlpTests
{
    [Fact]
    public async Task Otlp_WithAnEndpoint_ExportsTracesAndMetricsWithoutTheValuesInPaths()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var server = new OtlpServer(receiver.Address);
        await server.InitializeAsync();
        string token;
        try
        {
            var admin = await server.SignedInClientAsync();
            var account = await admin.ActiveAccountIdAsync();
            var groups = new[] { new { id = (await (await admin.GetAsync($"/public/v1/accounts/{account}/groups")).JsonAsync())[0]!["id"]!.GetValue<string>() } };
            var invited = await (await admin.PostJsonAsync($"/public/v1/accounts/{account}/users",
                new { name = "Traced Person", email = $"traced-{Guid.NewGuid():N}@otlp.test", groups })).ExpectAsync(HttpStatusCode.Created);
            var link = new Uri(invited["invitation"]!["link"]!.GetValue<string>()).AbsolutePath;
            token = link.Split('/').Last();
            (await server.CreateClient().GetAsync(link)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        finally
        {
            // Stopping flushes what the exporters hold, so everything recorded has arrived once it returns.
            await server.DisposeAsync();
        }

        var received = receiver.Received.ToList();
        received.Select(r => r.Signal).ShouldContain("traces");
        received.Select(r => r.Signal).ShouldContain("metrics");
        received.ShouldAllBe(r => r.ContentType == "application/x-protobuf");
        var traces = string.Join("\n", received.Where(r => r.Signal == "traces").Select(r => Encoding.UTF8.GetString(r.Body)));
        var readable = string.Join(" ", System.Text.RegularExpressions.Regex.Matches(traces, @"[ -~]{4,}").Select(m => m.Value));
        readable.ShouldContain("invitations/{token}", customMessage: readable);
        readable.ShouldContain("/public/v1/auth/login", customMessage: readable);
        traces.ShouldNotContain(token, customMessage: readable);
    }
}
