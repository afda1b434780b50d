using Microsoft.Playwright;
using Roster.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Roster.Web.Tests.Browser;

[Collection(BrowserCollection.Second)]
public sealed class SignInTests(ChromiumFixture chromium, RosterServer server) : BrowserTest(chromium), IClassFixture<RosterServer>
{
    [Fact]
    public async Task SignIn_WithCorrectPassword_ShowsAccountAndUserInTopBar()
    {
        var page = await OpenBrowserAsync(server);

        await Portal.SignInAsync(page, RosterServer.AdminEmail, RosterServer.AdminPassword);

        await Expect(Portal.ActiveAccount(page)).ToHaveTextAsync(RosterServer.AccountName);
        await Expect(Portal.AccountMenu(page)).ToContainTextAsync("Vendor: Robert Balboa");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "General" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "general");
    }

    [Fact]
    public async Task SignIn_WithWrongPassword_ShowsErrorAndStaysOnSignIn()
    {
        var email = $"typo-{Guid.NewGuid():N}@frontstreet.test";
        await UsersOnServer.CreateAsync(server, email);
        var page = await OpenBrowserAsync(server);

        await Portal.SignInAsync(page, email, "not the password");

        await Expect(Portal.Alert(page)).ToContainTextAsync("The email or password is incorrect");
        await Expect(page).ToHaveURLAsync(Portal.SignInUrl());
        await Expect(page.GetByLabel("Email")).ToHaveValueAsync(email);
        await Expect(Portal.ActiveAccount(page)).ToHaveCountAsync(0);
        (await page.Context.CookiesAsync()).ShouldNotContain(c => c.Name == "roster_session");
        await ScreenshotAsync(page, "sign-in-wrong-password");
    }

    [Fact]
    public async Task OpenIntegrations_WhileSignedOut_AsksToSignInThenReturnsThere()
    {
        var page = await OpenBrowserAsync(server);

        await page.GotoAsync("/settings/integrations");
        await Expect(page).ToHaveURLAsync(Portal.SignInUrl());
        await ScreenshotAsync(page, "sign-in");
        await Portal.FillSignInAsync(page, RosterServer.AdminEmail, RosterServer.AdminPassword);

        await Expect(page).ToHaveURLAsync(new Uri(server.BaseAddress, "/settings/integrations").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Integrations", Level = 1 })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SignIn_AfterAStrangersFiveFailures_StillWorksInTheBrowserTheOwnerSignedInFromBefore()
    {
        var team = await Team.CreateAsync(server);
        var owners = await OpenBrowserAsync(server);
        await Portal.SignInAsync(owners, team.OwnerEmail, UsersOnServer.Password);
        await Expect(Portal.ActiveAccount(owners)).ToHaveTextAsync(team.AccountName);
        await Portal.SignOutAsync(owners);
        await Expect(owners).ToHaveURLAsync(Portal.SignInUrl());

        var strangers = await OpenBrowserAsync(server);
        for (var i = 0; i < 5; i++)
        {
            await Portal.SignInAsync(strangers, team.OwnerEmail, $"a wrong guess {i}");
            await Expect(Portal.Alert(strangers)).ToContainTextAsync(i < 4 ? "The email or password is incorrect" : "Too many attempts");
        }
        await Portal.SignInAsync(strangers, team.OwnerEmail, UsersOnServer.Password);
        await Expect(Portal.Alert(strangers)).ToContainTextAsync("Too many attempts. Try again in 15 minutes.");

        await Portal.SignInAsync(owners, team.OwnerEmail, UsersOnServer.Password);
        await Expect(Portal.ActiveAccount(owners)).ToHaveTextAsync(team.AccountName);
        await ScreenshotAsync(owners, "sign-in-owner-after-strangers-failures");
    }
}
