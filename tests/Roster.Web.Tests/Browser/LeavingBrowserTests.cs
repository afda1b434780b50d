using System.Net;
using Microsoft.Playwright;
using Roster.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Roster.Web.Tests.Browser;

/// <summary>Losing the account one works in, by leaving or by being removed: the portal moves on and says so.</summary>
public sealed class LeavingBrowserTests(ChromiumFixture chromium, RosterServer server) : BrowserTest(chromium), IClassFixture<RosterServer>
{
    private static ILocator Moved(IPage page) => page.GetByTestId("account-moved");

    [Fact]
    public async Task RemovedFromTheActiveAccount_InAnotherSession_NextPageContinuesInTheOtherAccountWithAMessage()
    {
        var first = await Team.CreateAsync(server);
        var second = await Team.CreateAsync(server);
        var email = first.Email("rita");
        var rita = await first.AddActiveMemberAsync("Rita Removed", email);
        await second.InviteAsync("Rita Removed", email, second.SupportId);
        var page = await SignedInPageAsync(server, email, UsersOnServer.Password);
        var (team, other) = await ActiveFirstAsync(page, first, second);
        await page.GotoAsync("/settings/users");

        using (var owner = await server.SignedInClientAsync(team.OwnerEmail, UsersOnServer.Password))
            (await owner.DeleteAsync($"/public/v1/accounts/{team.AccountId}/users/{rita}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await page.ReloadAsync();

        await Expect(Moved(page)).ToHaveTextAsync($"You are no longer a member of {team.AccountName}. You are now working in {other.AccountName}.");
        await Expect(Portal.ActiveAccount(page)).ToHaveTextAsync(other.AccountName);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Users", Exact = true })).ToBeVisibleAsync();
        await Expect(UsersPage.Row(page, other.OwnerEmail)).ToBeVisibleAsync();
        await ScreenshotAsync(page, "leaving-removed-moved");
        await ShouldPassAxeAsync(page);
        await page.ReloadAsync();
        await Expect(Moved(page)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task RemovedFromTheirOnlyAccount_NextSettingsPage_LeadsToTheNoAccountPageWithGuidance()
    {
        var team = await Team.CreateAsync(server);
        var email = team.Email("nick");
        var nick = await team.AddActiveMemberAsync("Nick Nowhere", email);
        var page = await SignedInPageAsync(server, email, UsersOnServer.Password);
        await page.GotoAsync("/settings/users");

        using (var owner = await server.SignedInClientAsync(team.OwnerEmail, UsersOnServer.Password))
            (await owner.DeleteAsync($"/public/v1/accounts/{team.AccountId}/users/{nick}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await page.ReloadAsync();

        await Expect(page).ToHaveURLAsync(new Uri(server.BaseAddress, "/settings/general").ToString());
        await Expect(Moved(page)).ToHaveTextAsync($"You are no longer a member of {team.AccountName}. You are not a member of any account now.");
        await Expect(page.GetByTestId("no-account")).ToContainTextAsync("Ask an administrator of an account to invite you");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Create an account" })).ToBeVisibleAsync();
        await ShouldPassAxeAsync(page);
        foreach (var path in new[] { "/settings/users", "/settings/groups", "/settings/contacts", "/settings/partners" })
        {
            var response = await page.GotoAsync(path);
            response.ShouldNotBeNull().Status.ShouldBe(200, path);
            await Expect(page).ToHaveURLAsync(new Uri(server.BaseAddress, "/settings/general").ToString());
            await Expect(page.GetByTestId("no-account")).ToBeVisibleAsync();
        }
    }

    [Fact]
    public async Task LeavingTheirOnlyAccount_FromTheProfile_LandsOnTheNoAccountPageWithGuidance()
    {
        var team = await Team.CreateAsync(server);
        var email = team.Email("lola");
        await team.AddActiveMemberAsync("Lola Lone", email);
        var page = await SignedInPageAsync(server, email, UsersOnServer.Password);

        await page.GotoAsync($"/profile/accounts/{team.AccountId}/leave");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Leave {team.AccountName}" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Uri(server.BaseAddress, "/settings/general").ToString());
        await Expect(Moved(page)).ToHaveTextAsync($"You left {team.AccountName}. You are not a member of any account now.");
        await Expect(page.GetByTestId("no-account")).ToContainTextAsync("Ask an administrator of an account to invite you");
        await Expect(Portal.ActiveAccount(page)).ToHaveTextAsync("No account");
        await ScreenshotAsync(page, "leaving-no-account");
        await ShouldPassAxeAsync(page);
    }

    [Fact]
    public async Task RemovingThemselfOnTheUsersPage_OfTheActiveAccount_ContinuesInTheOtherAccountWithAMessage()
    {
        var first = await Team.CreateAsync(server);
        var second = await Team.CreateAsync(server);
        var email = first.Email("sam");
        await first.AddActiveMemberAsync("Sam Self", email, first.AdministratorsId);
        await second.InviteAsync("Sam Self", email, second.AdministratorsId);
        var page = await SignedInPageAsync(server, email, UsersOnServer.Password);
        var (team, other) = await ActiveFirstAsync(page, first, second);
        await UsersPage.OpenAsync(page);

        await UsersPage.RowActionAsync(UsersPage.Row(page, email), "Delete");
        await page.GetByTestId("delete-user").GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();

        await Expect(Moved(page)).ToHaveTextAsync($"You left {team.AccountName}. You are now working in {other.AccountName}.");
        await Expect(Portal.ActiveAccount(page)).ToHaveTextAsync(other.AccountName);
    }

    /// <summary>The account the session started in, then the other one.</summary>
    private static async Task<(Team Active, Team Other)> ActiveFirstAsync(IPage page, Team first, Team second) =>
        await Portal.ActiveAccount(page).TextContentAsync() == first.AccountName ? (first, second) : (second, first);

    private static async Task ShouldPassAxeAsync(IPage page)
    {
        foreach (var (width, height) in new[] { (1280, 900), (390, 844) })
        {
            await page.SetViewportSizeAsync(width, height);
            (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty($"at {width} px");
        }
        await page.SetViewportSizeAsync(1280, 800);
    }
}
