using System.Net;
using Microsoft.Playwright;
using Roster.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Roster.Web.Tests.Browser;

/// <summary>Each test has its own user, so switching accounts in one test never moves another's starting account.</summary>
public sealed class AccountSwitcherTests(ChromiumFixture chromium, RosterServer server) : BrowserTest(chromium), IClassFixture<RosterServer>
{
    [Fact]
    public async Task SwitchAccount_WithMouse_TopBarAndGeneralShowOtherAccount_AfterReloadToo()
    {
        var (email, _, second) = await UserWithTwoAccountsAsync("Harbour Supplies", "Quayside Resellers");
        var page = await SignedInPageAsync(server, email, UsersOnServer.Password);
        await Expect(Portal.ActiveAccount(page)).ToHaveTextAsync("Harbour Supplies");

        await Portal.AccountMenu(page).ClickAsync();
        await ScreenshotAsync(page, "account-menu");
        await page.GetByRole(AriaRole.Button, new() { Name = "Quayside Resellers" }).ClickAsync();

        await ShowsAccountAsync(page, "Quayside Resellers", second);
        await page.ReloadAsync();
        await ShowsAccountAsync(page, "Quayside Resellers", second);
    }

    [Fact]
    public async Task SwitchAccount_WithKeyboard_OpensClosesAndSwitches()
    {
        var (email, _, second) = await UserWithTwoAccountsAsync("Lantern Goods", "Mill Lane Distribution");
        var page = await SignedInPageAsync(server, email, UsersOnServer.Password);
        var other = page.GetByRole(AriaRole.Button, new() { Name = "Mill Lane Distribution" });

        await Portal.AccountMenu(page).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(other).ToBeVisibleAsync();
        await Expect(Portal.AccountMenu(page)).ToHaveAttributeAsync("aria-expanded", "true");
        await page.Keyboard.PressAsync("Escape");
        await Expect(other).ToBeHiddenAsync();
        await Expect(Portal.AccountMenu(page)).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Tab");
        await Expect(other).ToBeFocusedAsync();
        await ScreenshotAsync(page, "account-menu-keyboard");
        await page.Keyboard.PressAsync("Enter");

        await ShowsAccountAsync(page, "Mill Lane Distribution", second);
    }

    [Fact]
    public async Task NewUserWithoutAccount_CreatesOneFromTheMenu_AndWorksInIt()
    {
        var email = $"newcomer-{Guid.NewGuid():N}@elsewhere.test";
        await UsersOnServer.CreateAsync(server, email, "Nia Newcomer");
        var page = await SignedInPageAsync(server, email, UsersOnServer.Password);
        await Expect(Portal.ActiveAccount(page)).ToHaveTextAsync("No account");
        await Expect(page.GetByTestId("no-account")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "no-account");

        await Portal.AccountMenu(page).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Create an account" }).ClickAsync();
        await page.GetByLabel("Account name").FillAsync("Nia's Workshop");
        await page.GetByLabel("Role").SelectOptionAsync("reseller");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        await Expect(Portal.ActiveAccount(page)).ToHaveTextAsync("Nia's Workshop");
        await Expect(Portal.AccountMenu(page)).ToContainTextAsync("Reseller: Nia Newcomer");
        await Expect(page.GetByTestId("account-id")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^PA-"));
    }

    private static async Task ShowsAccountAsync(IPage page, string name, string id)
    {
        await Expect(Portal.ActiveAccount(page)).ToHaveTextAsync(name);
        await Expect(page.GetByTestId("account-id")).ToHaveTextAsync(id);
        await Expect(page.GetByLabel("Account name").First).ToHaveValueAsync(name);
    }

    /// <summary>A new user who created two accounts through the API; the first is where they start.</summary>
    private async Task<(string Email, string First, string Second)> UserWithTwoAccountsAsync(string first, string second)
    {
        var email = $"switcher-{Guid.NewGuid():N}@frontstreet.test";
        await UsersOnServer.CreateAsync(server, email, "Sam Switcher");
        using var client = await server.SignedInClientAsync(email, UsersOnServer.Password);
        var firstId = (await (await client.PostJsonAsync("/public/v1/accounts", new { name = first })).ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
        var secondId = (await (await client.PostJsonAsync("/public/v1/accounts", new { name = second, role = "distributor" })).ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
        return (email, firstId, secondId);
    }
}
