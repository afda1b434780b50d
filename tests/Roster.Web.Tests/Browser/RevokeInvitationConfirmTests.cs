using System.Net;
using Microsoft.Playwright;
using Roster.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Roster.Web.Tests.Browser;

/// <summary>
/// Revoking an invitation asks first, naming the email; afterwards the person reads "Revoked" (not "Expired") in the
/// Users list, its status filter, the member's dialog and the audit trail.
/// </summary>
public sealed class RevokeInvitationConfirmTests(ChromiumFixture chromium, RosterServer server) : BrowserTest(chromium), IClassFixture<RosterServer>
{
    [Fact]
    public async Task RevokeInvitation_AsksNamingTheEmail_ThenReadsRevokedInTheListFiltersDialogAndTrail()
    {
        var team = await Team.CreateAsync(server);
        var email = team.Email("ray");
        await team.InviteAsync("Ray Revoke", email);
        var page = await SignedInPageAsync(server, team.OwnerEmail, UsersOnServer.Password);
        await UsersPage.OpenAsync(page);
        var confirm = page.GetByRole(AriaRole.Alertdialog);

        await UsersPage.RowActionAsync(UsersPage.Row(page, email), "Revoke invitation");
        await Expect(confirm.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Revoke invitation");
        await Expect(confirm).ToContainTextAsync($"Revoke the invitation of Ray Revoke ({email})?");
        await ShouldPassAxeAsync(page);
        await ScreenshotAsync(page, "users-revoke-confirm");
        await confirm.GetByRole(AriaRole.Link, new() { Name = "Cancel" }).ClickAsync();
        await Expect(confirm).ToHaveCountAsync(0);
        await Expect(UsersPage.Status(UsersPage.Row(page, email))).ToHaveTextAsync("Invited");

        await UsersPage.RowActionAsync(UsersPage.Row(page, email), "Revoke invitation");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Revoke invitation" }).ClickAsync();

        await Expect(Portal.Notice(page)).ToHaveTextAsync($"The invitation of {email} is revoked: its link no longer works.");
        await Expect(UsersPage.Status(UsersPage.Row(page, email))).ToHaveTextAsync("Revoked");
        await ScreenshotAsync(page, "users-revoked");
        await page.GotoAsync("/settings/users?status=revoked");
        await Expect(UsersPage.Emails(page)).ToHaveTextAsync([email]);
        await page.GotoAsync("/settings/users?status=expired");
        await Expect(UsersPage.Rows(page)).ToHaveTextAsync(["No users match these filters."]);
        await page.GotoAsync("/settings/users");
        await UsersPage.Row(page, email).GetByRole(AriaRole.Link, new() { Name = "Edit Ray Revoke" }).ClickAsync();
        await Expect(UsersPage.Dialog(page).GetByTestId("member-status")).ToHaveTextAsync("Revoked");

        await page.GotoAsync("/settings/audit");
        var entry = page.GetByTestId("audit").Locator("tbody tr").Filter(new() { HasText = "Ray Revoke" }).First;
        await Expect(entry.GetByTestId("entry-action")).ToHaveTextAsync("invitation revoked");
    }

    [Fact]
    public async Task RevokeInvitation_PostedToTheListWithoutTheConfirmation_RevokesNothing()
    {
        var team = await Team.CreateAsync(server);
        var email = team.Email("kept");
        var id = await team.InviteAsync("Kept Invitee", email);
        using var owner = await server.SignedInClientAsync(team.OwnerEmail, UsersOnServer.Password);
        var token = await PortalForms.TokenAsync(owner, "/settings/users");

        await owner.PostAsync("/settings/users?handler=Revoke", new FormUrlEncodedContent(
            [new("id", id), new("__RequestVerificationToken", token)]));

        var member = await (await owner.GetAsync($"/public/v1/accounts/{team.AccountId}/users/{id}")).ExpectAsync(HttpStatusCode.OK);
        member["status"]!.GetValue<string>().ShouldBe("invited");
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
