using Microsoft.Playwright;
using Roster.Web.Tests.Api;
using Roster.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Roster.Web.Tests.Browser;

public sealed class LockoutBrowserTests(ChromiumFixture chromium, LockoutMailServer server) : BrowserTest(chromium), IClassFixture<LockoutMailServer>
{
    [Fact]
    public async Task SignInPage_AfterTooManyWrongPasswords_SaysSignInIsPausedAndForHowLong_AlikeForUnknownEmails()
    {
        var email = $"paused-{Guid.NewGuid():N}@lockout.test";
        await UsersOnServer.CreateAsync(server, email, "Pia Paused");
        var page = await OpenBrowserAsync(server);
        await Portal.SignInAsync(page, email, "wrong password");
        await Expect(Portal.Alert(page)).ToHaveTextAsync("The email or password is incorrect.");
        await TryPasswordAsync(page, "wrong password");
        await TryPasswordAsync(page, "wrong password");
        await Expect(Portal.Alert(page)).ToHaveTextAsync("Too many attempts. Try again in 15 minutes.");
        await page.GetByLabel("Password").FillAsync(UsersOnServer.Password);
        server.Clock.Advance(TimeSpan.FromMinutes(1));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(Portal.Alert(page)).ToHaveTextAsync("Too many attempts. Try again in 14 minutes.");
        await ScreenshotAsync(page, "sign-in-paused");
        (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await page.SetViewportSizeAsync(390, 844);
        (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty();

        var stranger = await OpenBrowserAsync(server);
        await Portal.SignInAsync(stranger, $"nobody-{Guid.NewGuid():N}@lockout.test", "wrong password");
        await TryPasswordAsync(stranger, "wrong password");
        await TryPasswordAsync(stranger, "wrong password");
        await Expect(Portal.Alert(stranger)).ToHaveTextAsync("Too many attempts. Try again in 15 minutes.");
    }

    private static async Task TryPasswordAsync(IPage page, string password)
    {
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // The answer is a new page, whose password field is empty again.
        await Expect(page.GetByLabel("Password")).ToHaveValueAsync("");
        await Expect(Portal.Alert(page)).ToBeVisibleAsync();
    }
}
