using Microsoft.Playwright;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Browser;

public sealed class TourTests(ChromiumFixture chromium, RosterServer server) : BrowserTest(chromium), IClassFixture<RosterServer>
{
    [Fact]
    public async Task Tour()
    {
        var page = await OpenBrowserAsync(server);
        var log = new List<string>();
        page.Response += (_, r) => log.Add($"{r.Status} {r.Url} -> {r.Headers.GetValueOrDefault("location")}");
        page.Request += (_, r) => log.Add($"REQ {r.Url}");
        try { await page.GotoAsync("/sign-in"); } catch (PlaywrightException e) { throw new InvalidOperationException(string.Join("\n", log.Take(12)), e); }
        await ScreenshotAsync(page, "01-sign-in");
        await page.GetByLabel("Email").FillAsync(RosterServer.AdminEmail);
        await page.GetByLabel("Password").FillAsync("wrong");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForLoadStateAsync();
        await ScreenshotAsync(page, "02-sign-in-wrong");
        await Portal.SignInAsync(page, RosterServer.AdminEmail, RosterServer.AdminPassword);
        await Assertions.Expect(Portal.ActiveAccount(page)).ToBeVisibleAsync();
        await ScreenshotAsync(page, "03-general");
        await Portal.SwitcherButton(page).ClickAsync();
        await ScreenshotAsync(page, "04-switcher");
        var email = "nobody@x.test";
        await UsersOnServer.CreateAsync(server, email, "Nobody Yet");
        var other = await OpenBrowserAsync(server);
        await Portal.SignInAsync(other, email, UsersOnServer.Password);
        await Assertions.Expect(Portal.ActiveAccount(other)).ToBeVisibleAsync();
        await ScreenshotAsync(other, "05-no-account");
        await Portal.SwitcherButton(other).ClickAsync();
        await ScreenshotAsync(other, "06-no-account-menu");
        await other.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await other.WaitForURLAsync("**/sign-in**");
        await ScreenshotAsync(other, "07-signed-out");
    }
}
