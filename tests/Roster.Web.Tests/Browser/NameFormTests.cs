using Microsoft.Playwright;
using Roster.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Roster.Web.Tests.Browser;

public sealed class NameFormTests(ChromiumFixture chromium, RosterServer server) : BrowserTest(chromium), IClassFixture<RosterServer>
{
    [Fact]
    public async Task General_AnAccountNameWithALineSeparator_IsRefusedAtTheName_AndNothingChanges()
    {
        var page = await SignedInPageAsync(server);
        await page.GotoAsync("/settings/general");

        await page.Locator("#name").FillAsync("Front\u2028Street");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(page.GetByText("The account name cannot contain line breaks or other control characters.")).ToBeVisibleAsync();
        await page.GotoAsync("/settings/general");
        await Expect(page.Locator("#name")).ToHaveValueAsync(RosterServer.AccountName);
    }
}
