using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Roster.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Roster.Web.Tests.Browser;

/// <summary>Every form that sets a password states the rule at its field before the first try (setup: <see cref="SetupTests"/>).</summary>
public sealed partial class PasswordHintTests(ChromiumFixture chromium, MailingServer server) : BrowserTest(chromium), IClassFixture<MailingServer>
{
    [Fact]
    public async Task InvitationRegistration_BeforeTheFirstTry_StatesThePasswordRuleAtTheField()
    {
        var team = await Team.CreateAsync(server);
        var email = team.Email("hinted");
        await team.InviteAsync("Hilda Hinted", email);
        var page = await OpenBrowserAsync(server);

        await page.GotoAsync(MailingServer.LinkIn(await server.MailToAsync(email)));

        await Expect(page.GetByLabel("Password")).ToHaveAccessibleDescriptionAsync(Rule());
        await CheckAccessibilityAsync(page, "invitation-register");
    }

    [Fact]
    public async Task ResetPassword_BeforeTheFirstTry_StatesThePasswordRuleAtTheField()
    {
        var email = $"hint-{Guid.NewGuid():N}@reset.test";
        await UsersOnServer.CreateAsync(server, email, "Rhea Reset");
        var page = await OpenBrowserAsync(server);
        await page.GotoAsync("/forgot-password");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send reset link" }).ClickAsync();
        await Expect(page.GetByTestId("reset-sent")).ToBeVisibleAsync();

        await page.GotoAsync(ResetLink().Match((await server.MailToAsync(email)).Body).Value);

        await Expect(page.GetByLabel("New password", new() { Exact = true })).ToHaveAccessibleDescriptionAsync(Rule());
        await CheckAccessibilityAsync(page, "reset-password");
    }

    [Fact]
    public async Task ChangePassword_BeforeTheFirstTry_StatesThePasswordRuleAtTheField()
    {
        var team = await Team.CreateAsync(server);
        var page = await SignedInPageAsync(server, team.OwnerEmail, UsersOnServer.Password);

        await page.GotoAsync("/profile/security");

        await Expect(page.GetByLabel("New password", new() { Exact = true })).ToHaveAccessibleDescriptionAsync(Rule());
        await CheckAccessibilityAsync(page, "security-password");
    }

    [Fact]
    public async Task ResetPassword_WithATooShortPasswordConfirmedWrong_ShowsBothProblemsAtTheirFieldsInOnePost()
    {
        var email = $"both-{Guid.NewGuid():N}@reset.test";
        await UsersOnServer.CreateAsync(server, email, "Bo Both");
        var page = await OpenBrowserAsync(server);
        await page.GotoAsync("/forgot-password");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send reset link" }).ClickAsync();
        await Expect(page.GetByTestId("reset-sent")).ToBeVisibleAsync();
        await page.GotoAsync(ResetLink().Match((await server.MailToAsync(email)).Body).Value);

        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("short");
        await page.GetByLabel("Confirm new password").FillAsync("shorter");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set new password" }).ClickAsync();

        await Expect(page.GetByLabel("New password", new() { Exact = true })).ToHaveAccessibleDescriptionAsync(new Regex("^The password needs at least 8 characters"));
        await Expect(page.GetByLabel("Confirm new password")).ToHaveAccessibleDescriptionAsync("The two new passwords are not the same.");
        await CheckAccessibilityAsync(page, "reset-password-errors");
    }

    [Fact]
    public async Task ChangePassword_WithoutTheCurrentOneAndATooShortNewOneConfirmedWrong_ShowsThreeProblemsInOnePost()
    {
        var team = await Team.CreateAsync(server);
        var page = await SignedInPageAsync(server, team.OwnerEmail, UsersOnServer.Password);
        await page.GotoAsync("/profile/security");

        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("short");
        await page.GetByLabel("Confirm new password").FillAsync("shorter");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();

        await Expect(page.GetByLabel("Current password")).ToHaveAccessibleDescriptionAsync("Enter your current password.");
        await Expect(page.GetByLabel("New password", new() { Exact = true })).ToHaveAccessibleDescriptionAsync(new Regex("^The password needs at least 8 characters"));
        await Expect(page.GetByLabel("Confirm new password")).ToHaveAccessibleDescriptionAsync("The two new passwords are not the same.");
        await CheckAccessibilityAsync(page, "security-password-errors");
    }

    private static Regex Rule() => new(@"At least 8 characters \(at most 128\)");

    private static async Task CheckAccessibilityAsync(IPage page, string name)
    {
        await ScreenshotAsync(page, name + "-hint");
        (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty();
        await page.SetViewportSizeAsync(390, 844);
        (await Accessibility.SeriousViolationsAsync(page)).ShouldBeEmpty();
    }

    [GeneratedRegex(@"https?://\S+/reset-password\?token=[A-Za-z0-9_\-]+")]
    private static partial Regex ResetLink();
}
