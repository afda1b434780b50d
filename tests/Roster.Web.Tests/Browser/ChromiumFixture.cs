using Microsoft.Playwright;

namespace Roster.Web.Tests.Browser;

/// <summary>
/// One headless Debian Chromium for the whole browser collection; each test opens its own context (cookies,
/// storage), so tests never see each other's sessions. Nothing is downloaded: Playwright drives Debian's
/// chromium-headless-shell, the same engine without the desktop browser around it, which is what Playwright itself
/// runs headless. The full browser in its headless mode spent about three times the CPU on each page, and the
/// browser tests are bound by the two cores they share with the servers they drive.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/lib/chromium/chromium-headless-shell";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // Without the background-networking flags Chromium keeps calling hosts this machine cannot reach. With no
            // GPU, a separate GPU process only relays software compositing: drawing in the browser process instead
            // saved 8% of the machine's CPU over 38 browser tests (114 CPU-s in two runs, against 123 to 134 in three).
            Args = ["--no-sandbox", "--disable-gpu", "--disable-gpu-compositing", "--in-process-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

/// <summary>
/// Browser tests run one at a time within a collection, each collection with its own Chromium. Two collections let
/// two of them run at once, which the suite's two test threads allow; classes join the second with
/// <c>[Collection(BrowserCollection.Second)]</c>, chosen so that both take about as long.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<ChromiumFixture>
{
    public const string Name = "Browser";
    public const string Second = "Browser (second)";
}

[CollectionDefinition(BrowserCollection.Second)]
public sealed class SecondBrowserCollection : ICollectionFixture<ChromiumFixture>
{
}
