using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Roster.Web;

namespace Roster.Web.Tests.Infrastructure;

/// <summary>
/// Roster itself on real Kestrel at a loopback port, over a fresh database, with a movable clock and a
/// bootstrapped administrator of a vendor account.
/// </summary>
public class RosterServer : IAsyncLifetime
{
    public const string AdminEmail = "admin@frontstreet.test";
    public const string AdminPassword = "correct horse battery staple";
    public const string AccountName = "Front Street Inc";

    private TestDatabase? _database;
    private WebApplication? _app;

    public MovableClock Clock { get; } = new();
    public TestDatabase Database => _database!;
    public Uri BaseAddress { get; private set; } = null!;
    public IServiceProvider Services => _app!.Services;

    /// <summary>Settings a derived fixture adds or overrides.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    /// <summary>False starts Roster on an empty database without Bootstrap settings, as a first run would.</summary>
    protected virtual bool Bootstrapped => true;

    /// <summary>Set to share a database with another server (two nodes); null makes a fresh one.</summary>
    protected virtual TestDatabase? SharedDatabase => null;

    /// <summary>Services a derived fixture adds to Roster's own, such as an interceptor that cuts connections.</summary>
    protected virtual void ConfigureServices(IServiceCollection services) { }

    public virtual async Task InitializeAsync()
    {
        _database = SharedDatabase ?? await TestDatabase.CreateAsync();
        _app = await StartAsync(_database, Clock, Settings, Bootstrapped, ConfigureServices);
        BaseAddress = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public static async Task<WebApplication> StartAsync(
        TestDatabase database, TimeProvider clock, IEnumerable<KeyValuePair<string, string?>> settings, bool bootstrapped = true,
        Action<IServiceCollection>? services = null)
    {
        KeyValuePair<string, string?>[] bootstrap = bootstrapped
            ?
            [
                new("Bootstrap:AdminEmail", AdminEmail),
                new("Bootstrap:AdminPassword", AdminPassword),
                new("Bootstrap:AdminName", "Robert Balboa"),
                new("Bootstrap:AccountName", AccountName),
                new("Bootstrap:AccountRole", "vendor"),
            ]
            : [];
        var app = RosterApp.Build([], builder =>
        {
            // A fixture's own settings come last, as a source of their own, so they override the defaults.
            builder.Configuration.AddInMemoryCollection(database.Settings.Concat(bootstrap)
                .Append(new("Security:SignInsPerMinutePerAddress", "100000")));
            builder.Configuration.AddInMemoryCollection(settings);
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Services.AddSingleton(clock);
            builder.Logging.ClearProviders();
            services?.Invoke(builder.Services);
            LogRecorder.RecordSuiteRun(builder.Logging);
        });
        await RosterApp.PrepareAsync(app);
        await app.StartAsync();
        return app;
    }

    /// <summary>A client with its own cookie jar, like a separate browser, that declares JSON on every write.</summary>
    public HttpClient CreateClient() =>
        new(new Http.JsonClientHandler(NewHandler())) { BaseAddress = BaseAddress };

    /// <summary>A client that sends exactly what a test gives it: no content type is added to a bodiless write.</summary>
    public HttpClient CreateBareClient() => new(NewHandler()) { BaseAddress = BaseAddress };

    private static HttpClientHandler NewHandler() => new() { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };

    public virtual async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        if (_database is not null && SharedDatabase is null) await _database.DisposeAsync();
    }
}
