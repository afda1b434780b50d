using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Roster.Web.Tests.Api;
using Roster.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Roster.Web.Tests.Browser;

/// <summary>Settings › General: the account's icon and public profile, edited in the portal at both widths, by keyboard, axe clean.</summary>
public sealed partial class PublicProfileBrowserTests(ChromiumFixture chromium, RosterServer server) : BrowserTest(chromium), IClassFixture<RosterServer>
{
    [Fact]
    public async Task General_PublicProfile_IsEditedByKeyboard_RefusingABadWebsite_AndReadByTheApi()
    {
        var vendor = await server.NewAccountAsync("vendor", "Front Vendor");
        var page = await SignedInPageAsync(server, vendor.AdminEmail, UsersOnServer.Password);
        await page.GotoAsync("/settings/general");

        await page.GetByLabel("Overview").FillAsync("Hosted telephony for small offices.");
        await page.GetByLabel("Countries").SelectOptionAsync(["IE", "GB"]);
        await page.GetByLabel("Languages").SelectOptionAsync(["en"]);
        await page.GetByLabel("Websites").FillAsync("https://front-vendor.example/\njavascript:alert(1)");
        await page.GetByLabel("Headquarters address").FocusAsync();
        await page.Keyboard.TypeAsync("1 Front Street, Dublin");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("#websites-error")).ToContainTextAsync("javascript:alert(1)");
        await Expect(page.GetByLabel("Headquarters address")).ToHaveValueAsync("1 Front Street, Dublin");
        await Expect(page.GetByLabel("Countries")).ToHaveValuesAsync(["IE", "GB"]);
        await CheckAccessibilityAsync(page);

        await page.GetByLabel("Websites").FillAsync("https://front-vendor.example/");
        await page.GetByLabel("Show this profile in public catalogs").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Update public profile" }).PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Public profile saved.");
        await Expect(page.GetByLabel("Countries")).ToHaveValuesAsync(["IE", "GB"]);
        await Expect(page.Locator("#countries-hint")).ToContainTextAsync("Chosen: Ireland, United Kingdom.");
        var account = await (await vendor.Admin.GetAsync($"/public/v1/accounts/{vendor.Id}")).JsonAsync();
        account["headquarters"]!.GetValue<string>().ShouldBe("1 Front Street, Dublin");
        account["websites"]!.AsArray().Single()!.GetValue<string>().ShouldBe("https://front-vendor.example/");
        account["public"]!.GetValue<bool>().ShouldBeTrue();
        await ScreenshotAsync(page, "general-public-profile");
    }

    [Fact]
    public async Task General_Icon_IsUploadedShownAndRemoved_AndAPageNamedPngIsRefused()
    {
        var vendor = await server.NewAccountAsync("vendor", "Front Vendor");
        var page = await SignedInPageAsync(server, vendor.AdminEmail, UsersOnServer.Password);
        await page.GotoAsync("/settings/general");
        var icon = page.GetByTestId("account-icon");
        await Expect(icon).ToHaveAttributeAsync("src", "/account-icon.svg");

        await page.GetByLabel("Upload an icon").SetInputFilesAsync(new FilePayload { Name = "icon.png", MimeType = "image/png", Buffer = Images.Html });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload icon" }).ClickAsync();
        await Expect(page.Locator("#icon-error")).ToContainTextAsync("Only PNG and JPEG images");
        await Expect(icon).ToHaveAttributeAsync("src", "/account-icon.svg");

        await page.GetByLabel("Upload an icon").SetInputFilesAsync(new FilePayload { Name = "icon.png", MimeType = "image/png", Buffer = Images.Png(48, 48) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload icon" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Icon saved.");
        await Expect(icon).ToHaveAttributeAsync("src", MediaFile());
        (await icon.EvaluateAsync<int>("img => img.complete ? img.naturalWidth : -1")).ShouldBe(48);
        await CheckAccessibilityAsync(page);
        await ScreenshotAsync(page, "general-icon");

        await page.GetByLabel("Replace the icon").SetInputFilesAsync(new FilePayload { Name = "icon.jpg", MimeType = "image/png", Buffer = Images.Png(32, 32, red: 220) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload icon" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Icon saved.");
        (await (await vendor.Admin.GetAsync($"/public/v1/accounts/{vendor.Id}/media")).JsonAsync()).AsArray().Count.ShouldBe(1);

        await page.GetByRole(AriaRole.Button, new() { Name = "Remove icon" }).ClickAsync();
        await Expect(icon).ToHaveAttributeAsync("src", "/account-icon.svg");
        (await (await vendor.Admin.GetAsync($"/public/v1/accounts/{vendor.Id}/media")).JsonAsync()).AsArray().ShouldBeEmpty();
    }

    private static async Task CheckAccessibilityAsync(IPage page)
    {
        var violations = new List<string>();
        foreach (var (width, height) in new[] { (1280, 800), (390, 844) })
        {
            await page.SetViewportSizeAsync(width, height);
            violations.AddRange((await Accessibility.SeriousViolationsAsync(page)).Select(v => $"{width} px: {v}"));
        }
        await page.SetViewportSizeAsync(1280, 800);
        violations.ShouldBeEmpty();
    }

    [GeneratedRegex("^/public/v1/accounts/[A-Z]{2}-[0-9-]+/media/ME-[0-9-]+/file$")]
    private static partial Regex MediaFile();
}
