using Microsoft.Playwright;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Browser;

/// <summary>
/// The base of a browser test: a fresh browser context per test (xunit makes one instance per test), closed at
/// the end. Set ROSTER_TEST_SCREENSHOTS to a folder to keep a PNG of each page a test names.
/// </summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(ChromiumFixture chromium) : IAsyncLifetime
{
    private readonly List<IBrowserContext> _contexts = [];

    // Only an upper bound: every Expect returns as soon as its condition holds. On two cores, with the rest of the
    // suite running in parallel with this collection, a page can take longer than Playwright's default 5 s.
    static BrowserTest() => Assertions.SetDefaultExpectTimeout(15_000);

    /// <summary>A new page in a new context: like a separate browser with its own cookies.</summary>
    protected async Task<IPage> OpenBrowserAsync(Uri baseAddress)
    {
        var context = await chromium.Browser.NewContextAsync(new()
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new() { Width = 1280, Height = 800 },
        });
        _contexts.Add(context);
        return await context.NewPageAsync();
    }

    protected Task<IPage> OpenBrowserAsync(RosterServer server) => OpenBrowserAsync(server.BaseAddress);

    /// <summary>A page already signed in (<see cref="Portal.SignInByRequestAsync"/>), showing the portal.</summary>
    protected async Task<IPage> SignedInPageAsync(RosterServer server, string email = RosterServer.AdminEmail, string password = RosterServer.AdminPassword)
    {
        var page = await OpenBrowserAsync(server);
        await Portal.SignInByRequestAsync(page, email, password);
        await Assertions.Expect(Portal.ActiveAccount(page)).ToBeVisibleAsync();
        return page;
    }

    /// <summary>A desktop and a 390 px phone picture of the page, when ROSTER_TEST_SCREENSHOTS names a folder.</summary>
    protected static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("ROSTER_TEST_SCREENSHOTS");
        if (string.IsNullOrEmpty(folder)) return;
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        var desktop = page.ViewportSize;
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + "-390.png"), FullPage = true });
        if (desktop is not null) await page.SetViewportSizeAsync(desktop.Width, desktop.Height);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts) await context.DisposeAsync();
    }
}
