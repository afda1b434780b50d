using Microsoft.Playwright;
using Roster.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Roster.Web.Tests.Browser;

/// <summary>
/// The whole scenario in Chromium, through the portal only, as a new administrator and a new colleague would
/// go through it: the company's domain is claimed, proved and given its OpenID provider, enforced; a person of that
/// domain is invited, registers through the provider from the mail, and from then on signs in only there.
/// </summary>
[Collection(BrowserCollection.Second)]
public sealed class SsoScenarioBrowserTests(ChromiumFixture chromium, DomainServer server) : BrowserTest(chromium), IClassFixture<DomainServer>
{
    private const string ProviderName = "Front Street Login";
    private const string Secret = "the scenario's client secret";

    [Fact]
    public async Task Scenario_AdministratorSetsUpAndEnforcesSso_InviteeRegistersThroughTheProviderAndSignsInOnlyThere()
    {
        // The provider's ID tokens carry the real time; Roster's clock must agree to accept them.
        server.Clock.CatchUpWithRealTime();
        await using var provider = await OidcProvider.StartAsync(
            new OidcProvider.Client("roster-portal", Secret, [new Uri(server.BaseAddress, "/sso/*").ToString()]));
        var team = await Team.CreateAsync(server);
        var domain = DomainServer.NewDomain();
        var email = $"ivy@{domain}";
        var page = await SignedInPageAsync(server, team.OwnerEmail, UsersOnServer.Password);

        await Portal.Sidebar(page).GetByRole(AriaRole.Link, new() { Name = "Single Sign On" }).ClickAsync();
        await page.GetByLabel("Add domain").FillAsync(domain);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add domain" }).ClickAsync();
        await Expect(Portal.Notice(page)).ToContainTextAsync($"{domain} is added");
        var recordName = (await page.Locator("#record-name").TextContentAsync())!.Trim();
        var recordValue = (await page.Locator("#record-value").TextContentAsync())!.Trim();
        recordName.ShouldBe($"_roster.{domain}");
        await CheckboxesBesideTheirTextAsync(page);
        await ScreenshotAsync(page, "scenario-domain-record");
        server.Dns.Publish(recordName, recordValue);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(Portal.Notice(page)).ToContainTextAsync($"{domain} is verified");
        await Expect(page.GetByTestId($"domain-{domain}").GetByTestId("domain-status")).ToHaveTextAsync("Verified");

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(ProviderName);
        await page.GetByLabel("Issuer").FillAsync(provider.Issuer);
        await page.GetByLabel("Client ID").FillAsync("roster-portal");
        await page.GetByLabel("Client secret").FillAsync(Secret);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add provider" }).ClickAsync();
        await Expect(Portal.Notice(page)).ToContainTextAsync($"{ProviderName} is saved");
        await page.GetByTestId($"provider-{ProviderName}").GetByRole(AriaRole.Button, new() { Name = "Test connection" }).ClickAsync();
        await Expect(page.GetByTestId("test-result")).ToContainTextAsync(provider.Issuer);
        // Testing opens the provider's edit form: it holds the provider's settings, so saving it as it stands changes nothing.
        await Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync(ProviderName);
        await Expect(page.GetByLabel("Issuer")).ToHaveValueAsync(provider.Issuer);
        await Expect(page.GetByLabel("Client ID")).ToHaveValueAsync("roster-portal");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save provider" }).ClickAsync();
        await Expect(Portal.Notice(page)).ToContainTextAsync($"{ProviderName} is saved");
        await ScreenshotAsync(page, "scenario-provider-tested");

        await page.GetByRole(AriaRole.Link, new() { Name = domain }).ClickAsync();
        await page.GetByLabel("Identity provider").SelectOptionAsync(new SelectOptionValue { Label = $"{ProviderName} (OpenID Connect)" });
        await page.GetByLabel("Enforce").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save sign-in" }).ClickAsync();
        await Expect(page.GetByTestId("enforce-count")).ToContainTextAsync($"Nobody with an @{domain} email will sign in only through {ProviderName} yet");
        await ScreenshotAsync(page, "scenario-enforce-confirmation");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enforce", Exact = true }).ClickAsync();
        await Expect(Portal.Notice(page)).ToContainTextAsync($"Single sign-on through {ProviderName} is enforced for {domain}");
        await Expect(page.GetByTestId($"domain-{domain}").GetByTestId("domain-enforced")).ToHaveTextAsync("Yes");
        await ScreenshotAsync(page, "scenario-sso-enforced");

        await UsersPage.OpenAsync(page);
        await UsersPage.AddUserAsync(page, "Ivy Invitee", email, "Support");
        await Expect(UsersPage.Status(UsersPage.Row(page, "Ivy Invitee"))).ToHaveTextAsync("Invited");

        var invitee = await OpenBrowserAsync(server);
        await invitee.GotoAsync(MailingServer.LinkIn(await server.MailToAsync(email)));
        await Expect(invitee.GetByLabel("Password")).ToHaveCountAsync(0);
        await ScreenshotAsync(invitee, "scenario-invitation");
        await invitee.GetByRole(AriaRole.Link, new() { Name = $"Continue with {ProviderName}" }).ClickAsync();
        await SsoBrowserTests.SignInAtProviderAsync(invitee, $"{email};name=Ivy Invitee");
        await Expect(Portal.ActiveAccount(invitee)).ToHaveTextAsync(team.AccountName);
        await Expect(Portal.AccountMenu(invitee)).ToContainTextAsync("Ivy Invitee");
        await ScreenshotAsync(invitee, "scenario-invitee-landed");

        var stranger = await OpenBrowserAsync(server);
        await stranger.GotoAsync("/sign-in");
        await stranger.GetByLabel("Email").FillAsync(email);
        await stranger.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(stranger.GetByTestId("sso-route")).ToHaveTextAsync($"People of {domain} sign in through {ProviderName}.");
        await Expect(stranger.GetByLabel("Password")).ToHaveCountAsync(0);
        await Expect(stranger.GetByRole(AriaRole.Link, new() { Name = $"Continue with {ProviderName}" })).ToBeVisibleAsync();
        await ScreenshotAsync(stranger, "scenario-password-refused");

        await page.ReloadAsync();
        await Expect(UsersPage.Status(UsersPage.Row(page, "Ivy Invitee"))).ToHaveTextAsync("Active");
        await Expect(UsersPage.Row(page, "Ivy Invitee").GetByTestId("user-auth")).ToHaveTextAsync($"SSO ({ProviderName})");
        await Expect(UsersPage.Row(page, "Olive Owner").GetByTestId("user-auth")).ToHaveTextAsync("Built-in");
        await ScreenshotAsync(page, "scenario-users");

        await UsersPage.Tabs(page).GetByRole(AriaRole.Link, new() { Name = "Directory" }).ClickAsync();
        var person = page.GetByTestId("directory").Locator("tbody tr").Filter(new() { HasText = "Ivy Invitee" });
        await Expect(person).ToContainTextAsync(email);
        await Expect(person.GetByTestId("person-auth")).ToHaveTextAsync($"SSO ({ProviderName})");
        await Expect(person.GetByTestId("person-member")).ToHaveTextAsync("Active");
        await ScreenshotAsync(page, "scenario-directory");

        await UsersPage.Tabs(page).GetByRole(AriaRole.Link, new() { Name = "Policies" }).ClickAsync();
        var policy = page.GetByTestId("domain-policies").Locator("tbody tr").Filter(new() { HasText = domain });
        await Expect(policy).ToContainTextAsync(ProviderName);
        await Expect(policy.GetByTestId("enforcement")).ToHaveTextAsync("Enforced: only the provider signs them in");
        await ScreenshotAsync(page, "scenario-policies");
    }

    /// <summary>Each checkbox sits at the start of its label, beside its text, not stretched across the form.</summary>
    private static async Task CheckboxesBesideTheirTextAsync(IPage page)
    {
        var widths = await page.Locator(".sso-page input[type=checkbox]").EvaluateAllAsync<double[]>("boxes => boxes.map(b => b.getBoundingClientRect().width)");
        widths.ShouldNotBeEmpty();
        widths.ShouldAllBe(w => w < 30);
    }
}
