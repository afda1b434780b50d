using System.Net;
using Microsoft.Playwright;
using Roster.Sso;
using Roster.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Roster.Web.Tests.Browser;

/// <summary>Users › Directory and Users › Policies, as an administrator uses them, on a desktop and on a 390 px phone.</summary>
public sealed class UsersTabsBrowserTests(ChromiumFixture chromium, RosterServer server) : BrowserTest(chromium), IClassFixture<RosterServer>
{
    /// <summary>
    /// A team with a verified domain served by "Okta", enforced; Nina is in the domain and a member, Omar is in it but
    /// not a member. The owner's own domain is another, so enforcement leaves the owner's password sign-in alone.
    /// </summary>
    private async Task<(Team Team, string Okta, string DomainId)> ArrangeAsync()
    {
        var team = await Team.CreateAsync(server);
        var okta = await SsoOnServer.ProviderAsync(server, team.AccountId, "Okta");
        var domain = await SsoOnServer.DomainAsync(server, team.AccountId, SsoDomain(team), providerId: okta, enforce: true);
        await team.AddActiveMemberAsync("Nina Member", $"nina@{SsoDomain(team)}");
        await UsersOnServer.CreateAsync(server, $"omar@{SsoDomain(team)}", "Omar Outside");
        return (team, okta, domain);
    }

    private static string SsoDomain(Team team) => "sso-" + team.Domain;

    private static ILocator Person(IPage page, string name) => page.GetByTestId("directory").Locator("tbody tr").Filter(new() { HasText = name });

    private static async Task ShouldPassAxeAsync(IPage page)
    {
        foreach (var (width, height) in new[] { (1280, 900), (390, 844) })
        {
            await page.SetViewportSizeAsync(width, height);
            (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty($"at {width} px");
        }
    }

    [Fact]
    public async Task DirectoryTab_AdministratorByKeyboard_SeesNonMembersAndPointsOneAtBuiltIn()
    {
        var (team, _, _) = await ArrangeAsync();
        var page = await SignedInPageAsync(server, team.OwnerEmail, UsersOnServer.Password);
        await page.SetViewportSizeAsync(390, 844);
        await UsersPage.OpenAsync(page);

        var directoryTab = UsersPage.Tabs(page).GetByRole(AriaRole.Link, new() { Name = "Directory" });
        await directoryTab.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(UsersPage.Tabs(page).GetByRole(AriaRole.Link, new() { Name = "Directory" })).ToHaveAttributeAsync("aria-current", "page");
        await Expect(Person(page, "Omar Outside").GetByTestId("person-member")).ToHaveTextAsync("Not a member");
        await Expect(Person(page, "Omar Outside").GetByTestId("person-auth")).ToHaveTextAsync("SSO (Okta)");
        await Expect(Person(page, "Nina Member").GetByTestId("person-member")).ToHaveTextAsync("Active");
        await ShouldPassAxeAsync(page);
        await ScreenshotAsync(page, "users-directory");

        await page.SetViewportSizeAsync(390, 844);
        await Person(page, "Omar Outside").GetByRole(AriaRole.Link, new() { Name = "Change provider of Omar Outside" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.GetByLabel("Signs in with").SelectOptionAsync(new SelectOptionValue { Label = "Built-in: Roster password" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(Portal.Notice(page)).ToContainTextAsync("Omar Outside now signs in with Built-in");
        await Expect(Person(page, "Omar Outside").GetByTestId("person-auth")).ToHaveTextAsync("Built-in");

        await page.GetByLabel("Provider").SelectOptionAsync(new SelectOptionValue { Label = "Okta" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(Person(page, "Nina Member")).ToBeVisibleAsync();
        await Expect(Person(page, "Omar Outside")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task PoliciesTab_ShowsTheMfaPolicyAndEachDomainsEnforcement()
    {
        var (team, _, domainId) = await ArrangeAsync();
        await SsoOnServer.DomainAsync(server, team.AccountId, $"quiet-{Guid.NewGuid():N}"[..14] + ".test");
        var page = await SignedInPageAsync(server, team.OwnerEmail, UsersOnServer.Password);
        await UsersPage.OpenAsync(page);

        await UsersPage.Tabs(page).GetByRole(AriaRole.Link, new() { Name = "Policies" }).ClickAsync();

        await Expect(page.GetByLabel("Optional")).ToBeCheckedAsync();
        var row = page.GetByTestId($"domain-{domainId}");
        await Expect(row).ToContainTextAsync(SsoDomain(team));
        await Expect(row).ToContainTextAsync("Okta");
        await Expect(row.GetByTestId("enforcement")).ToContainTextAsync("Enforced");
        await Expect(page.GetByTestId("domain-policies")).ToContainTextAsync("Not enforced");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Single Sign On" }).First).ToHaveAttributeAsync("href", "/settings/sso");
        await Expect(Portal.Sidebar(page).GetByRole(AriaRole.Link, new() { Name = "Security" })).ToHaveCountAsync(0);
        await ShouldPassAxeAsync(page);
        await ScreenshotAsync(page, "users-policies-domains");
    }

    [Fact]
    public async Task UsersTab_AtPhoneWidth_PassesAxeWithTheTabs()
    {
        var (team, _, _) = await ArrangeAsync();
        var page = await SignedInPageAsync(server, team.OwnerEmail, UsersOnServer.Password);
        await UsersPage.OpenAsync(page);

        await Expect(UsersPage.Tabs(page).GetByRole(AriaRole.Link, new() { Name = "Users" })).ToHaveAttributeAsync("aria-current", "page");
        await Expect(UsersPage.Row(page, "Nina Member").GetByTestId("user-auth")).ToHaveTextAsync("SSO (Okta)");
        await ShouldPassAxeAsync(page);
    }

    [Fact]
    public async Task OldSecurityAddress_RedirectsPermanentlyToPolicies()
    {
        var (team, _, _) = await ArrangeAsync();
        using var client = await server.SignedInClientAsync(team.OwnerEmail, UsersOnServer.Password);

        var response = await client.GetAsync("/settings/security");

        response.StatusCode.ShouldBe(HttpStatusCode.MovedPermanently);
        response.Headers.Location!.OriginalString.ShouldBe("/settings/users/policies");
    }

    [Fact]
    public async Task DirectoryTab_MemberWithoutTheAccountModule_FindsNoSuchPageAndNoTab()
    {
        var (team, _, _) = await ArrangeAsync();
        await team.AddActiveMemberAsync("Sam Support", team.Email("sam"));
        using var client = await server.SignedInClientAsync(team.Email("sam"), UsersOnServer.Password);

        (await client.GetAsync("/settings/users/directory")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var users = await (await client.GetAsync("/settings/users")).Content.ReadAsStringAsync();
        users.ShouldNotContain("/settings/users/directory");
        users.ShouldContain("/settings/users/policies");
    }
}
