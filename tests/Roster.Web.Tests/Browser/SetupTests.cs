using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Roster.Web;
using Roster.Setup;
using Roster.Testing;
using Roster.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Roster.Web.Tests.Browser;

/// <summary>
/// Roster on an empty database with no Bootstrap settings, waiting for its one-time setup link. Not a
/// <see cref="RosterServer"/>: that one always bootstraps an administrator, and its settings cannot be unset.
/// </summary>
public sealed class UnconfiguredServer : IAsyncLifetime
{
    private TestDatabase? _database;
    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateEmptyAsync();
        _app = RosterApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(_database.Settings);
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            // Serve wwwroot from the project, as dotnet run does, since tests run in Production.
            builder.WebHost.UseStaticWebAssets();
            builder.Services.AddSingleton<TimeProvider>(new MovableClock());
            builder.Logging.ClearProviders();
            LogRecorder.RecordSuiteRun(builder.Logging);
        });
        await RosterApp.PrepareAsync(_app);
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    /// <summary>The link Roster prints at start; issuing it anew replaces the printed secret, as a restart would.</summary>
    public string IssueSetupLink() => $"/setup?key={Uri.EscapeDataString(_app!.Services.GetRequiredService<SetupLink>().Issue())}";

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        if (_database is not null) await _database.DisposeAsync();
    }
}

public sealed class SetupTests(ChromiumFixture chromium, UnconfiguredServer server) : BrowserTest(chromium), IClassFixture<UnconfiguredServer>
{
    [Fact]
    public async Task SetupLink_CreatesFirstAccountAndAdministrator_AndLandsSignedIn()
    {
        var page = await OpenBrowserAsync(server.BaseAddress);
        await page.GotoAsync(server.IssueSetupLink());
        await ScreenshotAsync(page, "setup");

        await page.GetByLabel("Account name").FillAsync("Harbour Supplies");
        await page.GetByLabel("Account role").SelectOptionAsync("distributor");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Hana Harbour");
        await page.GetByLabel("Email").FillAsync("hana@harbour.test");
        await page.GetByLabel("Password").FillAsync("a long enough passphrase");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        await Expect(Portal.ActiveAccount(page)).ToHaveTextAsync("Harbour Supplies");
        await Expect(Portal.AccountMenu(page)).ToContainTextAsync("Distributor: Hana Harbour");
        await Expect(page).ToHaveURLAsync(new Uri(server.BaseAddress, "/settings/general").ToString());
        await Expect(Portal.Sidebar(page).GetByRole(AriaRole.Link, new() { Name = "Integrations" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SetupForm_WithThreeWrongFields_ShowsThreeMessagesAtTheirFieldsInOnePost()
    {
        var page = await OpenBrowserAsync(server.BaseAddress);
        await page.GotoAsync(server.IssueSetupLink());

        await page.GetByLabel("Account name").FillAsync(" ");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Hana Harbour");
        await page.GetByLabel("Email").FillAsync("not an email");
        await page.GetByLabel("Password").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        await Expect(page.GetByLabel("Account name")).ToHaveAccessibleDescriptionAsync("The account name is required.");
        await Expect(page.GetByLabel("Email")).ToHaveAccessibleDescriptionAsync("Enter a valid email address.");
        await Expect(page.GetByLabel("Password")).ToHaveAccessibleDescriptionAsync(new Regex(@"^The password needs at least \d+ characters\."));
        await Expect(page.GetByLabel("Account name")).ToHaveAttributeAsync("aria-invalid", "true");
        await ScreenshotAsync(page, "setup-three-errors");
        (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await page.SetViewportSizeAsync(390, 844);
        (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty();
    }

    [Fact]
    public async Task SetupForm_BeforeTheFirstTry_StatesThePasswordRuleAtTheField()
    {
        var page = await OpenBrowserAsync(server.BaseAddress);
        await page.GotoAsync(server.IssueSetupLink());

        await Expect(page.GetByLabel("Password")).ToHaveAccessibleDescriptionAsync(new Regex(@"At least \d+ characters \(at most 128\)"));
    }

    [Fact]
    public async Task SetupLink_WithWrongKey_SaysNotValidAndOffersNoForm()
    {
        server.IssueSetupLink();
        var page = await OpenBrowserAsync(server.BaseAddress);

        await page.GotoAsync("/setup?key=not-the-printed-key");

        await Expect(Portal.Alert(page)).ToContainTextAsync("This setup link is not valid");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Create account" })).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "setup-wrong-key");
    }
}
