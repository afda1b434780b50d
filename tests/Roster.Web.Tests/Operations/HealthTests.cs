using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Roster.Testing;
using Roster.Web;

namespace Roster.Web.Tests.Operations;

public sealed class HealthTests
{
    [Fact]
    public async Task Health_WithUnreachableDatabase_Is503()
    {
        await using var app = RosterApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(
            [
                new("Database:Provider", "postgres"),
                new("ConnectionStrings:Roster", "Host=127.0.0.1;Port=1;Username=nobody;Database=nothing;Timeout=2"),
            ]);
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            // Serve wwwroot from the project, as dotnet run does, since tests run in Production.
            builder.WebHost.UseStaticWebAssets();
            builder.Logging.ClearProviders();
            LogRecorder.RecordSuiteRun(builder.Logging);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        var response = await new HttpClient().GetAsync(new Uri(new Uri(address), "/healthz"));

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        await app.StopAsync();
    }
}
