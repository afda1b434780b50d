using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Roster.Mfa;
using Roster.Web.Tests.Infrastructure;
using Roster.Web.Tests.Mfa;
using static Microsoft.Playwright.Assertions;

namespace Roster.Web.Tests.Browser;

public sealed partial class MfaBrowserTests(ChromiumFixture chromium, RosterServer server) : BrowserTest(chromium), IClassFixture<RosterServer>
{
    [GeneratedRegex("/settings/users/policies$")]
    private static partial Regex PoliciesUrl();

    [GeneratedRegex("/profile/mfa$")]
    private static partial Regex EnrolmentUrl();

    [GeneratedRegex("/sign-in/code")]
    private static partial Regex CodeUrl();

    /// <summary>Sets up the authenticator app on the open two-factor page, computing the code from the key it shows.</summary>
    private async Task EnrolAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up an authenticator app" }).ClickAsync();
        await Expect(page.GetByTestId("authenticator-qr")).ToBeVisibleAsync();
        var key = Base32.Decode((await page.GetByTestId("authenticator-key").TextContentAsync())!.Replace(" ", "", StringComparison.Ordinal))!;
        await page.GetByLabel("Enter the 6-digit code the app shows now").FillAsync(MfaSteps.CodeNow(server, key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();
        await Expect(page.GetByTestId("mfa-status")).ToHaveTextAsync("On");
        MfaSteps.NextStep(server);
    }

    [Fact]
    public async Task Enrol_WithTheKeyShown_ThenSignInAgainWithTheSecondStep()
    {
        var email = $"phone-{Guid.NewGuid():N}@frontstreet.test";
        await UsersOnServer.CreateAsync(server, email, "Pat Phone");
        var page = await SignedInPageAsync(server, email, UsersOnServer.Password);

        await page.GotoAsync("/profile/mfa");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Two-factor authentication", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("mfa-status")).ToHaveTextAsync("Off");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up an authenticator app" }).ClickAsync();
        await Expect(page.GetByTestId("authenticator-qr")).ToBeVisibleAsync();
        var shownKey = (await page.GetByTestId("authenticator-key").TextContentAsync())!;
        shownKey.ShouldMatch("^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$");
        await ScreenshotAsync(page, "mfa-enrolment");
        var key = Base32.Decode(shownKey.Replace(" ", "", StringComparison.Ordinal))!;
        var codeField = page.GetByLabel("Enter the 6-digit code the app shows now");
        await codeField.FillAsync(Totp.Code(key, Totp.StepAt(server.Clock.GetUtcNow()) + 3));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();
        await Expect(page.Locator("#code-error")).ToContainTextAsync("That code is not the current one");
        await Expect(page.GetByTestId("authenticator-key")).ToHaveTextAsync(shownKey);
        await codeField.FillAsync(MfaSteps.CodeNow(server, key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();

        await Expect(page.GetByTestId("mfa-status")).ToHaveTextAsync("On");
        await Expect(page.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(10);
        await ScreenshotAsync(page, "mfa-recovery-codes");
        await page.ReloadAsync();
        await Expect(page.GetByTestId("recovery-codes")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("recovery-codes-left")).ToHaveTextAsync("10 left");

        MfaSteps.NextStep(server);
        await Portal.SignOutAsync(page);
        await Portal.SignInAsync(page, email, UsersOnServer.Password);
        await Expect(page).ToHaveURLAsync(CodeUrl());
        (await page.Context.CookiesAsync()).ShouldNotContain(c => c.Name == "roster_session");
        await page.GetByLabel("Authentication code").FillAsync(Totp.Code(key, Totp.StepAt(server.Clock.GetUtcNow()) + 4));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(page.Locator("#code-error")).ToContainTextAsync("The code is incorrect");
        await ScreenshotAsync(page, "sign-in-code");
        await page.GetByLabel("Authentication code").FillAsync(MfaSteps.CodeNow(server, key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();

        await Expect(Portal.ActiveAccount(page)).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "General" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SignInCode_AfterFiveMinutes_AsksForThePasswordAgain()
    {
        var email = $"slow-{Guid.NewGuid():N}@frontstreet.test";
        await UsersOnServer.CreateAsync(server, email, "Sam Slow");
        var mfa = await MfaSteps.EnableAsync(server, await server.SignedInClientAsync(email, UsersOnServer.Password));
        var page = await OpenBrowserAsync(server);

        await Portal.SignInAsync(page, email, UsersOnServer.Password);
        await Expect(page).ToHaveURLAsync(CodeUrl());
        server.Clock.Advance(TimeSpan.FromMinutes(5));
        await page.GetByLabel("Authentication code").FillAsync(MfaSteps.CodeNow(server, mfa.Key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(Portal.SignInUrl());
        await Expect(Portal.Notice(page)).ToContainTextAsync("took too long");
        (await page.Context.CookiesAsync()).ShouldNotContain(c => c.Name == "roster_session");
    }

    [Fact]
    public async Task RequiredPolicy_LeadsAMemberWithoutMfaToEnrolment_ThenLetsThemIn()
    {
        var team = await Team.CreateAsync(server);
        var owner = await server.SignedInClientAsync(team.OwnerEmail, UsersOnServer.Password);
        await MfaSteps.EnableAsync(server, owner);
        await (await owner.PutJsonAsync("/public/v1/modules/account/settings", new { mfa = new { policy = "required" } })).ExpectAsync(HttpStatusCode.OK);
        var email = team.Email("mo");
        await team.AddActiveMemberAsync("Mo Member", email);
        var page = await OpenBrowserAsync(server);

        await Portal.SignInAsync(page, email, UsersOnServer.Password);

        await Expect(page).ToHaveURLAsync(EnrolmentUrl());
        await Expect(page.GetByTestId("mfa-required")).ToContainTextAsync($"{team.AccountName} requires two-factor authentication");
        await ScreenshotAsync(page, "mfa-required");
        await page.GotoAsync("/settings/users");
        await Expect(page).ToHaveURLAsync(EnrolmentUrl());
        await EnrolAsync(page);
        await Expect(page.GetByTestId("mfa-required")).ToHaveCountAsync(0);
        await page.GotoAsync("/settings/users");
        await Expect(UsersPage.Row(page, "Mo Member")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task PoliciesTab_AnAdministratorSuggestsMfa_AndMembersAreInvitedOnEveryPage()
    {
        var team = await Team.CreateAsync(server);
        var email = team.Email("nina");
        await team.AddActiveMemberAsync("Nina Member", email);
        var admin = await SignedInPageAsync(server, team.OwnerEmail, UsersOnServer.Password);

        await Portal.Sidebar(admin).GetByRole(AriaRole.Link, new() { Name = "Users" }).ClickAsync();
        await UsersPage.Tabs(admin).GetByRole(AriaRole.Link, new() { Name = "Policies" }).ClickAsync();
        await Expect(UsersPage.Tabs(admin).GetByRole(AriaRole.Link, new() { Name = "Policies" })).ToHaveAttributeAsync("aria-current", "page");
        await Expect(admin.GetByLabel("Optional")).ToBeCheckedAsync();
        await admin.GetByLabel("Required").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(Portal.Alert(admin)).ToContainTextAsync("Turn on two-factor authentication for yourself");
        await Expect(admin.GetByLabel("Optional")).ToBeCheckedAsync();
        await admin.GetByLabel("Suggested").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(Portal.Notice(admin)).ToContainTextAsync("now suggested");
        await Expect(admin.GetByLabel("Suggested")).ToBeCheckedAsync();
        await ScreenshotAsync(admin, "users-policies");

        var member = await SignedInPageAsync(server, email, UsersOnServer.Password);
        var suggestion = member.GetByTestId("mfa-suggestion");
        await Expect(suggestion).ToContainTextAsync($"{team.AccountName} recommends two-factor authentication");
        await suggestion.GetByRole(AriaRole.Button, new() { Name = "Dismiss" }).ClickAsync();
        await Expect(suggestion).ToHaveCountAsync(0);
        await member.GotoAsync("/settings/users");
        await UsersPage.Tabs(member).GetByRole(AriaRole.Link, new() { Name = "Policies" }).ClickAsync();
        await Expect(suggestion).ToBeVisibleAsync();
        await Expect(member.GetByLabel("Suggested")).ToBeDisabledAsync();
        await Expect(member.GetByTestId("read-only")).ToBeVisibleAsync();
        await suggestion.GetByRole(AriaRole.Link, new() { Name = "Set it up" }).ClickAsync();
        await EnrolAsync(member);
        await member.GotoAsync("/settings/security");
        await Expect(member).ToHaveURLAsync(PoliciesUrl());
        await Expect(member.GetByRole(AriaRole.Heading, new() { Name = "Two-factor authentication" })).ToBeVisibleAsync();
        await Expect(suggestion).ToHaveCountAsync(0);
    }
}
