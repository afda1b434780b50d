using Microsoft.Playwright;
using Roster.Web.Tests.Infrastructure;
using Roster.Web.Tests.Sso;
using static Microsoft.Playwright.Assertions;

namespace Roster.Web.Tests.Browser;

/// <summary>Signing in through the company's identity provider in Chromium, from Roster's sign-in page and from an invitation.</summary>
public sealed class SsoBrowserTests(ChromiumFixture chromium, SsoServer server) : BrowserTest(chromium), IClassFixture<SsoServer>
{
    [Fact]
    public async Task SignIn_EmailOfAnSsoDomain_OffersTheProviderWhichSignsIn()
    {
        var email = SsoPeople.NewEmail();
        await SsoPeople.MemberAsync(server, email);
        var page = await OpenBrowserAsync(server);
        await page.GotoAsync("/sign-in");

        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(page.GetByTestId("sso-route")).ToHaveTextAsync($"You can also sign in through {SsoServer.ProviderName}.");
        await ScreenshotAsync(page, "sign-in-sso-offered");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Continue with {SsoServer.ProviderName}" }).ClickAsync();
        await SignInAtProviderAsync(page, email);

        await Expect(Portal.ActiveAccount(page)).ToHaveTextAsync(RosterServer.AccountName);
    }

    [Fact]
    public async Task SignIn_EmailOfAnEnforcedDomain_ShowsNoPasswordOnlyTheProvider()
    {
        var email = SsoPeople.NewEmail();
        await SsoPeople.MemberAsync(server, email);
        await server.EnforceAsync(true);
        try
        {
            var page = await OpenBrowserAsync(server);
            await page.GotoAsync("/sign-in");

            await page.GetByLabel("Email").FillAsync(email);
            await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();

            await Expect(page.GetByTestId("sso-route")).ToHaveTextAsync($"People of {SsoServer.Domain} sign in through {SsoServer.ProviderName}.");
            await Expect(page.GetByLabel("Password")).ToHaveCountAsync(0);
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Forgot password?" })).ToHaveCountAsync(0);
            await ScreenshotAsync(page, "sign-in-sso-enforced");
        }
        finally
        {
            await server.EnforceAsync(false);
        }
    }

    [Fact]
    public async Task Invitation_OfAnSsoDomain_RegistersThroughTheProviderAndLandsInTheAccount()
    {
        var email = SsoPeople.NewEmail();
        await SsoPeople.InviteAsync(server, email);
        var link = MailingServer.LinkIn(await server.MailToAsync(email));
        var page = await OpenBrowserAsync(server);

        await page.GotoAsync(link);
        await Expect(page.GetByLabel("Password")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "invitation-sso");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Continue with {SsoServer.ProviderName}" }).ClickAsync();
        await SignInAtProviderAsync(page, $"{email};name=Ivy Invitee");

        await Expect(Portal.ActiveAccount(page)).ToHaveTextAsync(RosterServer.AccountName);
        await Expect(Portal.AccountMenu(page)).ToContainTextAsync("Ivy Invitee");
    }

    /// <summary>The test provider's own login form, which takes any login and password.</summary>
    internal static async Task SignInAtProviderAsync(IPage page, string login)
    {
        await page.Locator("input[name=login]").FillAsync(login);
        await page.Locator("input[name=password]").FillAsync("any password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign-in" }).ClickAsync();
    }
}
