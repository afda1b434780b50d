using System.Net;
using Microsoft.Playwright;
using Roster.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Roster.Web.Tests.Browser;

/// <summary>
/// The Add user wizard checks the email at its first step, against the active account's own members and pending
/// invitations only, and offers a way onward from there.
/// </summary>
public sealed class AddUserEmailCheckTests(ChromiumFixture chromium, RosterServer server) : BrowserTest(chromium), IClassFixture<RosterServer>
{
    private async Task<IPage> WizardAtStepOneAsync(Team team, string name, string email)
    {
        var page = await SignedInPageAsync(server, team.OwnerEmail, UsersOnServer.Password);
        await UsersPage.OpenAsync(page);
        await UsersPage.StartWizardAsync(page);
        await UsersPage.Dialog(page).GetByLabel("Name").FillAsync(name);
        await UsersPage.Dialog(page).GetByLabel("Email").FillAsync(email);
        return page;
    }

    [Fact]
    public async Task AddUser_NextWithAMembersEmail_SaysSoAtStepOne_AndLinksToThem()
    {
        var team = await Team.CreateAsync(server);
        var email = team.Email("mona");
        var monaId = await team.AddActiveMemberAsync("Mona Member", email, team.SupportId);
        var page = await WizardAtStepOneAsync(team, "Mona Again", email.ToUpperInvariant());
        var dialog = UsersPage.Dialog(page);

        await dialog.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();

        await Expect(dialog.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Add user – Step 1");
        await Expect(dialog.Locator("#user-email-error")).ToHaveTextAsync($"{email} is already a member of this account.");
        await Expect(dialog.GetByLabel("Email")).ToHaveAttributeAsync("aria-invalid", "true");
        await ShouldPassAxeAsync(page);
        await ScreenshotAsync(page, "wizard-step-1-member");
        await dialog.GetByRole(AriaRole.Link, new() { Name = "Open Mona Member" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/settings/users/{monaId}/edit"));
        await Expect(dialog.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Edit user");
    }

    [Fact]
    public async Task AddUser_NextWithAPendingInvitationsEmail_SaysSoAtStepOne_AndResendsItFromThere()
    {
        var team = await Team.CreateAsync(server);
        var email = team.Email("ivan");
        await team.InviteAsync("Ivan Invited", email);
        var page = await WizardAtStepOneAsync(team, "Ivan Invited", email);
        var dialog = UsersPage.Dialog(page);

        await dialog.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();

        await Expect(dialog.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Add user – Step 1");
        await Expect(dialog.Locator("#user-email-error")).ToHaveTextAsync($"{email} is already invited. Resend the invitation instead.");
        await ShouldPassAxeAsync(page);
        await ScreenshotAsync(page, "wizard-step-1-invited");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Resend the invitation" }).ClickAsync();

        await Expect(Portal.Notice(page)).ToHaveTextAsync($"A new invitation was sent to {email}. The previous link no longer works.");
        await Expect(UsersPage.Dialog(page)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AddUser_NextWithAnEmailKnownOnlyInAnotherAccount_MovesOnToTheGroups()
    {
        var team = await Team.CreateAsync(server);
        var other = await Team.CreateAsync(server);
        var invitedElsewhere = other.Email("pending");
        await other.InviteAsync("Pending Elsewhere", invitedElsewhere);
        var page = await WizardAtStepOneAsync(team, "Pending Elsewhere", invitedElsewhere);

        await UsersPage.Next(page, 2);
        await UsersPage.Dialog(page).GetByRole(AriaRole.Button, new() { Name = "Back" }).ClickAsync();
        await UsersPage.Dialog(page).GetByLabel("Email").FillAsync(other.OwnerEmail);
        await UsersPage.Next(page, 2);
        await UsersPage.Dialog(page).GetByLabel("Support", new() { Exact = true }).CheckAsync();
        await UsersPage.Next(page, 3);

        // The summary does not tell whether the email already has a Roster user: that is not this account's to learn.
        await Expect(UsersPage.Dialog(page).GetByTestId("summary-outcome")).ToHaveTextAsync(
            $"Roster emails {other.OwnerEmail}. Someone new registers through the link in it, which works once; someone who already uses Roster joins the account at once.");
    }

    [Fact]
    public async Task AddUser_NextWithoutJavaScript_AnswersStepOneWithTheMessage_AndCreatesNothing()
    {
        var team = await Team.CreateAsync(server);
        var email = team.Email("nojs");
        await team.InviteAsync("No Script", email);
        using var client = await server.SignedInClientAsync(team.OwnerEmail, UsersOnServer.Password);

        var answer = await PortalForms.PostAsync(client, "/settings/users/add",
            ("Step", "1"), ("Name", "No Script"), ("Email", email), ("go", "next"));

        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync());
        html.ShouldContain("Add user – Step 1");
        html.ShouldContain($"{email} is already invited. Resend the invitation instead.");
        html.ShouldContain("Resend the invitation");
    }

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
