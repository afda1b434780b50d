using Microsoft.Playwright;
using Roster.Web.Tests.Api;
using Roster.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Roster.Web.Tests.Browser;

/// <summary>The portal's page when a form's change fails on Roster's side: what it says may have happened, and a way on.</summary>
public sealed class FailurePageTests(ChromiumFixture chromium, CuttableServer server) : BrowserTest(chromium), IClassFixture<CuttableServer>
{
    [Fact]
    public async Task AFormWhoseSaveIsNeverAcknowledged_SaysItMayHaveBeenSaved_AndItWas()
    {
        var team = await Team.CreateAsync(server);
        var page = await SignedInPageAsync(server, team.OwnerEmail, UsersOnServer.Password);
        await page.GotoAsync("/settings/groups/add");
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Name").FillAsync("Unacknowledged");

        await page.Context.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { [ConnectionCuts.Header] = ConnectionCuts.LostAcknowledgement });
        var answer = await page.RunAndWaitForResponseAsync(
            () => dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync(), r => r.Request.Method == "POST");
        await page.Context.SetExtraHTTPHeadersAsync(new Dictionary<string, string>());

        answer.Status.ShouldBeOneOf(500, 503);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your change may have been saved" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "failure-may-have-been-saved");
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the page" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        await page.GotoAsync("/settings/groups");
        await Expect(page.GetByTestId("groups")).ToContainTextAsync("Unacknowledged");
    }
}
