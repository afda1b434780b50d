using Microsoft.Playwright;
using Roster.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Roster.Web.Tests.Browser;

/// <summary>The portal on a 390 px phone: no page scrolls sideways, and the sidebar waits behind a menu button.</summary>
public sealed class PhoneLayoutTests(ChromiumFixture chromium, RosterServer server) : BrowserTest(chromium), IClassFixture<RosterServer>
{
    private const int PhoneWidth = 390;
    private const int PhoneHeight = 844;

    private async Task<IPage> PhoneAsync()
    {
        var page = await OpenBrowserAsync(server);
        await page.SetViewportSizeAsync(PhoneWidth, PhoneHeight);
        return page;
    }

    private static Task<bool> ScrollsSidewaysAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");

    /// <summary>The page's address and the deepest elements reaching past the screen's right edge, to say where to look.</summary>
    private static Task<string> OverflowAsync(IPage page, string address) =>
        page.EvaluateAsync<string>("""
            address => address + ' (' + document.documentElement.scrollWidth + ' px: ' + [...document.body.querySelectorAll('*')]
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
                    && ![...e.children].some(c => c.getBoundingClientRect().right > window.innerWidth + 1))
                .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).replace(/ /g, '.') : '')).join(', ') + ')'
            """, address);

    [Fact]
    public async Task EveryPortalPage_OnAPhone_DoesNotScrollSideways()
    {
        var team = await Team.CreateAsync(server);
        await team.AddActiveMemberAsync("Bill Payer with a rather long name", team.Email("bill.payer.with.a.long.address"));
        await team.InviteAsync("Ivy Invited", team.Email("ivy"));
        var page = await PhoneAsync();
        var overflowing = new List<string>();
        foreach (var address in new[] { "/sign-in", "/forgot-password" })
        {
            await page.GotoAsync(address);
            if (await ScrollsSidewaysAsync(page)) overflowing.Add(await OverflowAsync(page, address));
        }
        await Portal.SignInAsync(page, team.OwnerEmail, UsersOnServer.Password);
        await Expect(Portal.ActiveAccount(page)).ToHaveTextAsync(team.AccountName);

        string[] addresses =
        [
            "/settings/general", "/settings/users", "/settings/users/directory", "/settings/users/policies", "/settings/users/add",
            "/settings/groups", "/settings/groups/add", $"/settings/groups/{team.SupportId}", "/settings/contacts", "/settings/partners",
            "/settings/sso", "/settings/integrations", "/settings/audit",
            "/profile", "/profile/accounts", "/profile/security", "/profile/mfa", "/profile/sessions",
        ];
        foreach (var address in addresses)
        {
            var response = await page.GotoAsync(address);
            response!.Ok.ShouldBeTrue(address);
            if (await ScrollsSidewaysAsync(page)) overflowing.Add(await OverflowAsync(page, address));
        }
        overflowing.ShouldBeEmpty();
    }

    [Fact]
    public async Task SidebarMenu_OnAPhone_OpensByKeyboardAndLeadsToAnotherPage()
    {
        var team = await Team.CreateAsync(server);
        var page = await PhoneAsync();
        await Portal.SignInByRequestAsync(page, team.OwnerEmail, UsersOnServer.Password);
        await page.GotoAsync("/settings/users");
        var groups = Portal.Sidebar(page).GetByRole(AriaRole.Link, new() { Name = "Groups", Exact = true });
        await Expect(groups).ToBeHiddenAsync();

        var menu = Portal.SidebarMenu(page);
        await menu.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(groups).ToBeVisibleAsync();
        await ScreenshotAsync(page, "phone-menu-open");
        for (var presses = 0; presses < 20 && !await groups.EvaluateAsync<bool>("link => link === document.activeElement"); presses++)
            await page.Keyboard.PressAsync("Tab");
        await Expect(groups).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Groups", Exact = true })).ToBeVisibleAsync();
        await Expect(groups).ToBeHiddenAsync();
    }
}
