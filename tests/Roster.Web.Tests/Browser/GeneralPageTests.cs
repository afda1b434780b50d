using Microsoft.Playwright;
using Roster.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Roster.Web.Tests.Browser;

public sealed class GeneralPageTests(ChromiumFixture chromium, RosterServer server) : BrowserTest(chromium), IClassFixture<RosterServer>
{
    [Fact]
    public async Task General_EmptyNameIsRefused_AndAnEmptiedDescriptionIsCleared()
    {
        var page = await OpenBrowserAsync(server);
        await Portal.SignInByRequestAsync(page, RosterServer.AdminEmail, RosterServer.AdminPassword);
        await page.GotoAsync("/settings/general");

        await page.GetByLabel("Description").FillAsync("Sells umbrellas");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(Portal.Notice(page)).ToContainTextAsync("Saved");
        await page.ReloadAsync();
        await Expect(page.GetByLabel("Description")).ToHaveValueAsync("Sells umbrellas");

        await page.Locator("#name").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByText("The account name is required.")).ToBeVisibleAsync();
        await page.GotoAsync("/settings/general");
        await Expect(page.Locator("#name")).ToHaveValueAsync(RosterServer.AccountName);

        await page.GetByLabel("Description").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(Portal.Notice(page)).ToContainTextAsync("Saved");
        await page.ReloadAsync();
        await Expect(page.GetByLabel("Description")).ToHaveValueAsync("");
    }
}
