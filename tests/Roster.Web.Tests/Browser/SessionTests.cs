using System.Net;
using Microsoft.Playwright;
using Roster.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Roster.Web.Tests.Browser;

public sealed class SessionTests(ChromiumFixture chromium, RosterServer server) : BrowserTest(chromium), IClassFixture<RosterServer>
{
    [Fact]
    public async Task SignOut_FromAccountMenu_SaysSoAndGeneralThenAsksToSignIn()
    {
        var page = await SignedInPageAsync(server);

        await Portal.SignOutAsync(page);

        await Expect(page).ToHaveURLAsync(Portal.SignInUrl());
        await Expect(Portal.Notice(page)).ToHaveTextAsync("You have signed out.");
        await ScreenshotAsync(page, "signed-out");
        await page.GotoAsync("/settings/general");
        await Expect(page).ToHaveURLAsync(Portal.SignInUrl());
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Continue" })).ToBeVisibleAsync();
        await Expect(Portal.ActiveAccount(page)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task SessionEndedElsewhere_NextPageLoad_GoesToSignInAndSaysWhy()
    {
        var page = await SignedInPageAsync(server);
        var cookie = await Portal.SessionCookieAsync(page);

        using (var elsewhere = server.CreateClient())
        {
            elsewhere.DefaultRequestHeaders.Add("Cookie", $"roster_session={cookie}");
            await (await elsewhere.PostJsonAsync("/public/v1/auth/logout", null)).ExpectAsync(HttpStatusCode.OK);
        }
        await page.ReloadAsync();

        await Expect(page).ToHaveURLAsync(Portal.SignInUrl());
        await Expect(Portal.Notice(page)).ToHaveTextAsync("Your session has ended. Sign in again to continue.");
        await ScreenshotAsync(page, "session-ended");
        await Portal.FillSignInAsync(page, RosterServer.AdminEmail, RosterServer.AdminPassword);
        await Expect(Portal.ActiveAccount(page)).ToHaveTextAsync(RosterServer.AccountName);
        await Expect(page).ToHaveURLAsync(new Uri(server.BaseAddress, "/settings/general").ToString());
    }
}
