using Microsoft.Playwright;
using Roster.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Roster.Web.Tests.Browser;

/// <summary>The small things a newcomer trips over: an icon, an unknown address, the words of a dialog, what the sidebar offers.</summary>
public sealed class PortalPolishTests(ChromiumFixture chromium, RosterServer server) : BrowserTest(chromium), IClassFixture<RosterServer>
{
    [Fact]
    public async Task PortalPages_Load_WithoutAFailedRequest()
    {
        var team = await Team.CreateAsync(server);
        var page = await OpenBrowserAsync(server);
        var failed = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Status >= 400) failed.Add($"{response.Status} {response.Url}");
        };
        await page.GotoAsync("/sign-in");
        await Portal.FillSignInAsync(page, team.OwnerEmail, UsersOnServer.Password);
        await Expect(Portal.ActiveAccount(page)).ToHaveTextAsync(team.AccountName);
        await page.GotoAsync("/settings/users");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        failed.ShouldBeEmpty();
        var icon = await page.Locator("link[rel=icon]").GetAttributeAsync("href");
        icon.ShouldNotBeNull();
        (await page.APIRequest.GetAsync(icon)).Ok.ShouldBeTrue();
    }

    [Fact]
    public async Task UnknownAddressUnderSettings_SignedIn_SaysNotFoundInsideThePortal()
    {
        var team = await Team.CreateAsync(server);
        var page = await SignedInPageAsync(server, team.OwnerEmail, UsersOnServer.Password);

        var response = await page.GotoAsync("/settings/no-such-page");

        response!.Status.ShouldBe(404);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
        await Expect(Portal.ActiveAccount(page)).ToHaveTextAsync(team.AccountName);
        await Expect(Portal.Sidebar(page).GetByRole(AriaRole.Link, new() { Name = "Users" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "settings-not-found");
    }

    [Fact]
    public async Task DeleteDialog_ForSomeoneElse_SaysWhatTheyLose()
    {
        var team = await Team.CreateAsync(server);
        var bill = await team.AddActiveMemberAsync("Bill Payer", team.Email("bill"));
        var page = await SignedInPageAsync(server, team.OwnerEmail, UsersOnServer.Password);

        await page.GotoAsync($"/settings/users/{bill}/delete");

        var note = page.GetByRole(AriaRole.Alertdialog).Locator("#dialog-note");
        await Expect(note).ToContainTextAsync("Bill Payer will no longer have access to this account");
        await Expect(note).Not.ToContainTextAsync("your current account");
        await ScreenshotAsync(page, "delete-user");
    }

    [Fact]
    public async Task DeleteDialog_ForYourself_SaysYouLoseAccess()
    {
        var team = await Team.CreateAsync(server);
        await team.AddActiveMemberAsync("Ada Second Admin", team.Email("ada"), team.AdministratorsId);
        var page = await SignedInPageAsync(server, team.OwnerEmail, UsersOnServer.Password);

        await page.GotoAsync($"/settings/users/{team.OwnerId}/delete");

        await Expect(page.GetByRole(AriaRole.Alertdialog).Locator("#dialog-note")).ToContainTextAsync("You will no longer have access to this account");
    }

    [Fact]
    public async Task Sidebar_OfAMemberWithoutModules_OffersOnlyWhatTheyCanUse()
    {
        var team = await Team.CreateAsync(server);
        await team.AddActiveMemberAsync("Sam Support", team.Email("sam"));
        var page = await SignedInPageAsync(server, team.Email("sam"), UsersOnServer.Password);
        await page.GotoAsync("/settings/general");

        var links = await Portal.Sidebar(page).GetByRole(AriaRole.Link).AllInnerTextsAsync();

        links.ShouldBe(["General"]);
        await Expect(page.GetByTestId("no-modules-note")).ToContainTextAsync("administrator");
    }

    [Fact]
    public async Task Buttons_OnThePortal_ShowTheirLabelsAsWritten()
    {
        var team = await Team.CreateAsync(server);
        var page = await SignedInPageAsync(server, team.OwnerEmail, UsersOnServer.Password);
        var shouting = new List<string>();
        foreach (var address in new[] { "/settings/users", "/settings/groups", "/settings/audit", "/profile/sessions" })
        {
            await page.GotoAsync(address);
            shouting.AddRange(await page.EvaluateAsync<string[]>("""
                address => [...document.querySelectorAll('button, a.button, input[type=submit]')]
                    .filter(b => getComputedStyle(b).textTransform === 'uppercase')
                    .map(b => address + ': ' + (b.textContent || b.value).trim())
                """, address));
        }
        shouting.ShouldBeEmpty();
    }
}
