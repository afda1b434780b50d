using Microsoft.Playwright;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Browser;

/// <summary>
/// The base of a browser test: each page it opens has a browser context of its own, and goes back to the collection's
/// Chromium at the end, cleared, for the next test against the same server (<see cref="ChromiumFixture.PageAsync"/>).
/// A handler on a page's events would outlive the test, so tests add them through <see cref="OnDialog"/>, which
/// removes them. Set ROSTER_TEST_SCREENSHOTS to a folder to keep a PNG of each page a test names.
/// </summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(ChromiumFixture chromium) : IAsyncLifetime
{
    private readonly List<(Uri BaseAddress, IPage Page)> _pages = [];
    private readonly List<Action> _removals = [];

    // Only an upper bound: every Expect returns as soon as its condition holds. On two cores, with the rest of the
    // suite running in parallel with this collection, a page can take longer than Playwright's default 5 s.
    static BrowserTest() => Assertions.SetDefaultExpectTimeout(15_000);

    /// <summary>A blank page in a context of its own: like a separate browser with its own cookies.</summary>
    protected async Task<IPage> OpenBrowserAsync(Uri baseAddress)
    {
        var page = await chromium.PageAsync(baseAddress);
        _pages.Add((baseAddress, page));
        return page;
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

    /// <summary>Answers the page's dialogs (confirm, alert) with <paramref name="answer"/> until the test ends.</summary>
    protected void OnDialog(IPage page, Func<IDialog, Task> answer)
    {
        EventHandler<IDialog> handler = async (_, dialog) => await answer(dialog);
        page.Dialog += handler;
        _removals.Add(() => page.Dialog -= handler);
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
        foreach (var remove in _removals) remove();
        foreach (var (baseAddress, page) in _pages) await chromium.GiveBackAsync(baseAddress, page);
    }
}
