using System.Net;
using Microsoft.Playwright;
using Roster.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Roster.Web.Tests.Browser;

/// <summary>
/// Tried as a new administrator would: add the company's domain, publish the record shown, verify it, connect the
/// OpenID provider, test it, attach it to the domain and enforce it after reading how many people that affects.
/// </summary>
[Collection(BrowserCollection.Second)]
public sealed class SsoSettingsBrowserTests(ChromiumFixture chromium, DomainServer server) : BrowserTest(chromium), IClassFixture<DomainServer>
{
    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task Administrator_AddsVerifiesConnectsTestsAndEnforces_WithTheCountOfPeopleAffected(int width)
    {
        await using var provider = await OidcProvider.StartAsync(new OidcProvider.Client("roster", "browser secret", ["http://127.0.0.1:1/callback"]));
        var account = await OwnAccount.CreateAsync(server);
        var domain = DomainServer.NewDomain();
        await UsersOnServer.CreateAsync(server, $"alice@{domain}", "Alice Archer");
        var page = await SignedInPageAsync(server, account.Owner.Email, UsersOnServer.Password);
        await page.SetViewportSizeAsync(width, 844);
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();

        await page.GotoAsync("/settings/sso");
        await page.GetByLabel("Add domain").FillAsync(domain);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add domain" }).ClickAsync();
        await Expect(Portal.Notice(page)).ToContainTextAsync($"{domain} is added");
        await Expect(page.Locator("#record-name")).ToHaveTextAsync($"_roster.{domain}");
        var value = (await page.Locator("#record-value").TextContentAsync())!.Trim();
        value.ShouldStartWith("roster-verification=");
        var copyValue = page.GetByRole(AriaRole.Button, new() { Name = "Copy value" });
        await copyValue.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("button[data-copy=record-value]")).Not.ToHaveTextAsync("Copy value");
        await AccessibleAsync(page);

        server.Dns.Publish($"_roster.{domain}", value);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(Portal.Notice(page)).ToContainTextAsync($"{domain} is verified");
        await Expect(page.GetByTestId($"domain-{domain}").GetByTestId("domain-status")).ToHaveTextAsync("Verified");

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Front Street ID");
        await page.GetByLabel("Issuer").FillAsync(provider.Issuer);
        await page.GetByLabel("Client ID").FillAsync("roster");
        await page.GetByLabel("Client secret").FillAsync("browser secret");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add provider" }).ClickAsync();
        await Expect(Portal.Notice(page)).ToContainTextAsync("Front Street ID is saved");
        await page.GetByTestId("provider-Front Street ID").GetByRole(AriaRole.Button, new() { Name = "Test connection" }).ClickAsync();
        await Expect(page.GetByTestId("test-result")).ToContainTextAsync("The provider answered");
        await Expect(page.GetByTestId("test-result")).ToContainTextAsync(provider.Issuer);
        await AccessibleAsync(page);

        // Bob's account keeps him on Roster's password: enforcing the domain does not affect him, so he is not counted.
        var bobId = await UsersOnServer.CreateAsync(server, $"bob@{domain}", "Bob Exempt");
        var domainId = (await (await account.Owner.Client.GetAsync($"/public/v1/domains?eq(domain,{domain})")).ExpectAsync(HttpStatusCode.OK))[0]!["id"]!.GetValue<string>();
        var builtIn = await (await account.Owner.Client.PostJsonAsync("/public/v1/idps", new { name = "Built-in", type = "system" })).ExpectAsync(HttpStatusCode.Created);
        await (await account.Owner.Client.PutJsonAsync($"/public/v1/domains/{domainId}/users/{bobId}", new { idp = new { id = builtIn["id"]!.GetValue<string>() } }))
            .ExpectAsync(HttpStatusCode.OK);
        await page.ReloadAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = domain }).ClickAsync();
        await page.GetByLabel("Identity provider").SelectOptionAsync(new SelectOptionValue { Label = "Front Street ID (OpenID Connect)" });
        await page.GetByLabel("Enforce").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save sign-in" }).ClickAsync();
        await Expect(page.GetByTestId("enforce-count")).ToContainTextAsync($"1 person with an @{domain} email will sign in only through Front Street ID");
        await AccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enforce", Exact = true }).ClickAsync();

        await Expect(Portal.Notice(page)).ToContainTextAsync($"Single sign-on through Front Street ID is enforced for {domain}");
        var row = page.GetByTestId($"domain-{domain}");
        await Expect(row.GetByTestId("domain-provider")).ToHaveTextAsync("Front Street ID");
        await Expect(row.GetByTestId("domain-enforced")).ToHaveTextAsync("Yes");
        await ScreenshotAsync(page, $"sso-settings-{width}");
    }

    [Fact]
    public async Task AddDomain_WithAUrl_ShowsTheErrorAtTheField()
    {
        var account = await OwnAccount.CreateAsync(server);
        var page = await SignedInPageAsync(server, account.Owner.Email, UsersOnServer.Password);
        await Portal.Sidebar(page).GetByRole(AriaRole.Link, new() { Name = "Single Sign On" }).ClickAsync();

        await page.GetByLabel("Add domain").FillAsync("https://frontstreet.example/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add domain" }).ClickAsync();

        await Expect(page.Locator("#new-domain-error")).ToContainTextAsync("no scheme, path, port or @");
        await Expect(page.GetByText("No domains yet.")).ToBeVisibleAsync();
    }

    private static async Task AccessibleAsync(IPage page)
    {
        (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty();
        // The portal's shell (sidebar beside content) has no narrow layout yet, so the page as a whole scrolls at 390 px; what this page adds must
        // not be: nothing in it overflows its own column, so the column narrows when the shell does.
        var overflowing = await page.EvaluateAsync<string>(
            "() => { const page = document.querySelector('.sso-page'); const right = page.getBoundingClientRect().right + 1; " +
            "return [...page.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > right && !e.closest('.table-scroll')).map(e => e.tagName + '.' + e.className).join(' | '); }");
        overflowing.ShouldBeEmpty();
    }
}
