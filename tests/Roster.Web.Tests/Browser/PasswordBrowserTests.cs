using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Roster.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Roster.Web.Tests.Browser;

/// <summary>The Security page's password and delete-user forms, and forgot/reset through a real SMTP server's mail.</summary>
[Collection(BrowserCollection.Second)]
public sealed partial class PasswordBrowserTests(ChromiumFixture chromium, MailingServer server) : BrowserTest(chromium), IClassFixture<MailingServer>
{
    private const string NewPassword = "a portal changed passphrase";

    [Fact]
    public async Task ChangePassword_ExplainsEachMistake_ThenChanges_AndTheOtherBrowserIsSentToSignIn()
    {
        var team = await Team.CreateAsync(server);
        var page = await SignedInPageAsync(server, team.OwnerEmail, UsersOnServer.Password);
        var other = await SignedInPageAsync(server, team.OwnerEmail, UsersOnServer.Password);
        await page.GotoAsync("/profile/security");
        await Expect(page.Locator("#content").GetByRole(AriaRole.Link, new() { Name = "Two-factor authentication" }))
            .ToHaveAttributeAsync("href", "/profile/mfa");

        await ChangeAsync(page, "not my password", NewPassword, NewPassword);
        await Expect(page.GetByText("The current password is not correct.")).ToBeVisibleAsync();
        await ChangeAsync(page, UsersOnServer.Password, NewPassword, NewPassword + "!");
        await Expect(page.GetByText("The two new passwords are not the same.")).ToBeVisibleAsync();
        await ChangeAsync(page, UsersOnServer.Password, "short", "short");
        await Expect(page.GetByText("The password needs at least 8 characters.")).ToBeVisibleAsync();
        await ChangeAsync(page, UsersOnServer.Password, "Password2024", "Password2024");
        await Expect(page.GetByText("This password is too common or too easy to guess.", new() { Exact = false })).ToBeVisibleAsync();
        await ChangeAsync(page, UsersOnServer.Password, NewPassword, NewPassword);

        await Expect(Portal.Notice(page)).ToHaveTextAsync("Your password was changed. Your other sessions were signed out.");
        await ScreenshotAsync(page, "security-password-changed");
        await other.ReloadAsync();
        await Expect(other).ToHaveURLAsync(Portal.SignInUrl());
        await Expect(Portal.Notice(other)).ToHaveTextAsync("Your session has ended. Sign in again to continue.");
        await Portal.FillSignInAsync(other, team.OwnerEmail, NewPassword);
        await Expect(Portal.ActiveAccount(other)).ToHaveTextAsync(team.AccountName);
        (await server.MailToAsync(team.OwnerEmail)).Subject.ShouldBe("Your Roster password was changed");
    }

    [Fact]
    public async Task ForgotPassword_TheMailedLinkSetsANewPasswordOnce_AndUnknownEmailsSeeTheSameMessage()
    {
        var email = $"rosa-{Guid.NewGuid():N}@reset.test";
        await UsersOnServer.CreateAsync(server, email, "Rosa Reset");
        var page = await OpenBrowserAsync(server);
        await page.GotoAsync("/sign-in");

        await page.GetByRole(AriaRole.Link, new() { Name = "Forgot password?" }).ClickAsync();
        var known = await AskForLinkAsync(page, email);
        await page.GotoAsync("/forgot-password");
        var unknown = await AskForLinkAsync(page, "nobody@reset.test");
        unknown.Replace("nobody@reset.test", email).ShouldBe(known);

        var mail = await server.MailToAsync(email);
        mail.Subject.ShouldBe("Reset your Roster password");
        var link = ResetLink().Match(mail.Body).Value;
        link.ShouldNotBeEmpty();
        var reader = await OpenBrowserAsync(server);
        await reader.GotoAsync(link);
        await reader.GetByLabel("New password", new() { Exact = true }).FillAsync(NewPassword);
        await reader.GetByLabel("Confirm new password").FillAsync(NewPassword + " typo");
        await reader.GetByRole(AriaRole.Button, new() { Name = "Set new password" }).ClickAsync();
        await Expect(reader.GetByText("The two new passwords are not the same.")).ToBeVisibleAsync();
        await reader.GetByLabel("New password", new() { Exact = true }).FillAsync(NewPassword);
        await reader.GetByLabel("Confirm new password").FillAsync(NewPassword);
        await reader.GetByRole(AriaRole.Button, new() { Name = "Set new password" }).ClickAsync();
        await Expect(reader.GetByRole(AriaRole.Heading, new() { Name = "Your password was changed" })).ToBeVisibleAsync();
        await ScreenshotAsync(reader, "reset-done");

        await reader.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await Portal.FillSignInAsync(reader, email, NewPassword);
        await Expect(Portal.ActiveAccount(reader)).ToBeVisibleAsync();
        (await server.MailToAsync(email, 2)).Subject.ShouldBe("Your Roster password was reset");

        var again = await OpenBrowserAsync(server);
        await again.GotoAsync(link);
        await Expect(again.GetByRole(AriaRole.Heading, new() { Name = "This link was already used" })).ToBeVisibleAsync();
        await again.GetByRole(AriaRole.Link, new() { Name = "Ask for a new link" }).ClickAsync();
        await Expect(again.GetByRole(AriaRole.Heading, new() { Name = "Forgot password" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ResetLink_PastItsLifetime_SaysSo()
    {
        var email = $"late-{Guid.NewGuid():N}@reset.test";
        await UsersOnServer.CreateAsync(server, email, "Lee Late");
        var page = await OpenBrowserAsync(server);
        await page.GotoAsync("/forgot-password");
        await AskForLinkAsync(page, email);
        var link = ResetLink().Match((await server.MailToAsync(email)).Body).Value;

        server.Clock.Advance(TimeSpan.FromMinutes(31));
        await page.GotoAsync(link);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "This link has expired" })).ToBeVisibleAsync();
        await Expect(page.GetByText("This password reset link has expired. Ask for a new one.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task DeleteUser_IsRefusedForTheLastAdministrator_ThenDeletesOnceAnotherOneExists()
    {
        var team = await Team.CreateAsync(server);
        // Another member, who could not manage the account: the only member's case is offered deletion instead.
        await team.AddActiveMemberAsync("Sue Support", team.Email("sue"));
        var page = await SignedInPageAsync(server, team.OwnerEmail, UsersOnServer.Password);
        await page.GotoAsync("/profile/security");
        await page.GetByRole(AriaRole.Link, new() { Name = "Delete user…" }).ClickAsync();
        var dialog = page.GetByTestId("delete-user");
        await Expect(dialog).ToContainTextAsync("you leave every account you belong to");
        await Expect(dialog).ToContainTextAsync(team.OwnerEmail);

        await DeleteAsync(page, "not my password");
        await Expect(dialog.GetByText("The password is not correct.")).ToBeVisibleAsync();
        await DeleteAsync(page, UsersOnServer.Password);
        await Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync(
            $"you are the last active member who can invite users in {team.AccountName} ({team.AccountId})");
        await ScreenshotAsync(page, "delete-user-refused");

        await team.AddActiveMemberAsync("Second Admin", team.Email("second"), team.AdministratorsId);
        await DeleteAsync(page, UsersOnServer.Password);

        await Expect(page).ToHaveURLAsync(new Regex("/user-deleted$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your user was deleted" })).ToBeVisibleAsync();
        await Portal.SignInAsync(page, team.OwnerEmail, UsersOnServer.Password);
        await Expect(page.GetByText("The email or password is incorrect", new() { Exact = false })).ToBeVisibleAsync();
        var second = await SignedInPageAsync(server, team.Email("second"), UsersOnServer.Password);
        await second.GotoAsync($"/settings/users");
        await Expect(UsersPage.Row(second, team.Email("second"))).ToBeVisibleAsync();
        await Expect(UsersPage.Row(second, team.OwnerEmail)).ToHaveCountAsync(0);
    }

    private static async Task ChangeAsync(IPage page, string current, string password, string confirm)
    {
        await page.GetByLabel("Current password").FillAsync(current);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(password);
        await page.GetByLabel("Confirm new password").FillAsync(confirm);
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
    }

    private static async Task DeleteAsync(IPage page, string password)
    {
        await page.GetByLabel("Your password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete user permanently" }).ClickAsync();
    }

    /// <summary>Submits the forgot-password form and returns what the page then says.</summary>
    private static async Task<string> AskForLinkAsync(IPage page, string email)
    {
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send reset link" }).ClickAsync();
        var sent = page.GetByTestId("reset-sent");
        await Expect(sent).ToContainTextAsync(email);
        return (await sent.InnerTextAsync()).Trim();
    }

    [GeneratedRegex(@"https?://\S+/reset-password\?token=[A-Za-z0-9_\-]+")]
    private static partial Regex ResetLink();
}
