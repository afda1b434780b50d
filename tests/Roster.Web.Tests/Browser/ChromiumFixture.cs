using Microsoft.Playwright;

namespace Roster.Web.Tests.Browser;

/// <summary>
/// One headless Debian Chromium for the whole browser collection; each page has a context of its own (cookies,
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

    /// <summary>The size every page opens at, and is given back at.</summary>
    public static ViewportSize DesktopSize => new() { Width = 1280, Height = 800 };

    // Pages that finished tests gave back, blank and signed out, with the server they were opened for.
    private readonly List<(Uri BaseAddress, IPage Page)> _idle = [];
    private readonly Lock _idleLock = new();

    /// <summary>
    /// A page in a context of its own, for a server: one a finished test gave back for the same server when there is
    /// one, otherwise a new one. A new page starts a renderer process, about 250 ms of CPU more than reusing one, and
    /// the tests of a class share their server. Pages kept for another server are closed: their class is over.
    /// </summary>
    public async Task<IPage> PageAsync(Uri baseAddress)
    {
        IPage? kept = null;
        List<IPage> stale;
        lock (_idleLock)
        {
            var index = _idle.FindIndex(idle => idle.BaseAddress == baseAddress);
            if (index >= 0)
            {
                kept = _idle[index].Page;
                _idle.RemoveAt(index);
            }
            stale = [.. _idle.Select(idle => idle.Page)];
            _idle.Clear();
        }
        foreach (var page in stale) await page.Context.DisposeAsync();
        if (kept is not null) return kept;
        var context = await Browser.NewContextAsync(new() { BaseURL = baseAddress.ToString(), ViewportSize = DesktopSize });
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Takes a page back from a test that is over, as a new one would be: blank, without cookies, storage, granted
    /// permissions or extra headers, at the desktop size. A page that cannot be brought back so is closed instead.
    /// Its test must have removed its own event handlers (<see cref="BrowserTest.OnDialog"/> does).
    /// </summary>
    public async Task GiveBackAsync(Uri baseAddress, IPage page)
    {
        try
        {
            await ClearAsync(page).WaitAsync(TimeSpan.FromSeconds(10));
            lock (_idleLock) _idle.Add((baseAddress, page));
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            await page.Context.DisposeAsync();
        }
    }

    private static async Task ClearAsync(IPage page)
    {
        if (page.IsClosed) throw new PlaywrightException("The test closed its page.");
        if (page.Url.StartsWith("http", StringComparison.Ordinal))
            await page.EvaluateAsync("() => { localStorage.clear(); sessionStorage.clear(); }");
        await page.GotoAsync("about:blank");
        await page.Context.ClearCookiesAsync();
        await page.Context.ClearPermissionsAsync();
        await page.Context.SetExtraHTTPHeadersAsync(new Dictionary<string, string>());
        await page.SetViewportSizeAsync(DesktopSize.Width, DesktopSize.Height);
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
