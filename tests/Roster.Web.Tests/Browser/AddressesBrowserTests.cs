using System.Net;
using Microsoft.Playwright;
using Roster.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Roster.Web.Tests.Browser;

/// <summary>Settings › Integrations › Allowed addresses, and the warning before a token expires.</summary>
public sealed class AddressesBrowserTests(ChromiumFixture chromium, RosterServer server) : BrowserTest(chromium), IClassFixture<RosterServer>
{
    [Fact]
    public async Task AllowedAddresses_ByKeyboard_RefusesABadValueThenAddsAndBindsMembers_AtBothWidths()
    {
        var page = await SignedInPageAsync(server);
        await page.GotoAsync("/settings/integrations");
        await page.GetByRole(AriaRole.Link, new() { Name = "Allowed addresses" }).ClickAsync();
        await Expect(page.GetByTestId("no-rules")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("your-address")).ToHaveTextAsync("127.0.0.1");

        await page.GetByLabel("Address or network").FocusAsync();
        await page.Keyboard.TypeAsync("10.0.0.1/8");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("office");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#rule-value-error")).ToContainTextAsync("neither an IP address");
        await Expect(page.GetByLabel("Address or network")).ToHaveValueAsync("10.0.0.1/8");
        await Expect(page.GetByLabel("Address or network")).ToBeFocusedAsync();
        await ShouldPassAxeAsync(page);
        await ScreenshotAsync(page, "addresses-refused");

        await page.GetByLabel("Address or network").FillAsync("127.0.0.1");
        await page.Keyboard.PressAsync("Enter");
        await Expect(Portal.Notice(page)).ToHaveTextAsync("127.0.0.1 is allowed.");
        await Expect(page.GetByTestId("rule-127.0.0.1")).ToContainTextAsync("office");

        await page.GetByRole(AriaRole.Button, new() { Name = "Bind members too" }).ClickAsync();
        await Expect(page.GetByTestId("members-bound")).ToContainTextAsync("Members' sessions are bound");
        await ShouldPassAxeAsync(page);
        await ScreenshotAsync(page, "addresses-bound");

        var admin = await server.SignedInClientAsync();
        (await admin.GetAsync("/public/v1/accounts")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var elsewhere = await server.SignedInFromAsync("127.0.0.2", RosterServer.AdminEmail, RosterServer.AdminPassword);
        (await (await elsewhere.GetAsync("/public/v1/accounts")).ExpectErrorAsync(HttpStatusCode.Forbidden)).ShouldBe("auth.ip_not_allowed");

        await page.GetByRole(AriaRole.Button, new() { Name = "Bind API tokens only" }).ClickAsync();
        await Expect(page.GetByTestId("members-bound")).ToContainTextAsync("not bound");
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove 127.0.0.1" }).ClickAsync();
        await Expect(page.GetByTestId("no-rules")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TokenExpiringWithinAWeek_ShowsANoticeAndItsRowWarns()
    {
        var page = await SignedInPageAsync(server);
        await page.GotoAsync("/settings/integrations");
        var soon = DateOnly.FromDateTime(server.Clock.GetUtcNow().UtcDateTime).AddDays(3);

        await page.GetByLabel("Name").FillAsync("Nightly export");
        await page.GetByLabel("Expires on").FillAsync(soon.ToString("yyyy-MM-dd"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        await Expect(page.GetByTestId("issued-token")).ToBeVisibleAsync();
        await page.GetByLabel("Name").FillAsync("Yearly report");
        await page.GetByLabel("Expires on").FillAsync(soon.AddDays(60).ToString("yyyy-MM-dd"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        await Expect(page.GetByTestId("issued-token")).ToBeVisibleAsync();

        await Expect(page.GetByTestId("expiry-notice")).ToContainTextAsync("“Nightly export”");
        await Expect(page.GetByTestId("expiry-notice")).Not.ToContainTextAsync("Yearly report");
        await Expect(page.GetByTestId("token-expiry-warning")).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Nightly export" }).GetByTestId("token-expiry-warning")).ToHaveTextAsync("Expires soon");
        await ShouldPassAxeAsync(page);
        await ScreenshotAsync(page, "integrations-expiring");

        await page.GetByLabel("Name").FillAsync("Past");
        await page.GetByLabel("Expires on").FillAsync(soon.AddDays(-10).ToString("yyyy-MM-dd"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        await Expect(page.Locator("#token-expires-error")).ToHaveTextAsync("The expiration date must be in the future.");
    }

    private static async Task ShouldPassAxeAsync(IPage page)
    {
        foreach (var (width, height) in new[] { (1280, 900), (390, 844) })
        {
            await page.SetViewportSizeAsync(width, height);
            (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty($"at {width} px");
            (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth")).ShouldBeFalse($"scrolls sideways at {width} px");
        }
        await page.SetViewportSizeAsync(1280, 800);
    }
}
