using Microsoft.Playwright;
using Roster.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Roster.Web.Tests.Browser;

/// <summary>The wizard's invitation travels through a real SMTP server and its link registers the user in another browser.</summary>
public sealed class InvitationMailTests(ChromiumFixture chromium, MailingServer server) : BrowserTest(chromium), IClassFixture<MailingServer>
{
    [Fact]
    public async Task InviteThroughTheWizard_TheMailedLinkRegisters_AndTheUserIsActive()
    {
        var team = await Team.CreateAsync(server);
        var page = await SignedInPageAsync(server, team.OwnerEmail, UsersOnServer.Password);
        await UsersPage.OpenAsync(page);
        var email = team.Email("mailed");

        await UsersPage.AddUserAsync(page, "Mae Mailed", email, "Support");
        await Expect(UsersPage.Status(UsersPage.Row(page, email))).ToHaveTextAsync("Invited");

        var mail = await server.MailToAsync(email);
        mail.Subject.ShouldContain(team.AccountName);
        var link = MailingServer.LinkIn(mail);
        link.ShouldBe(await UsersPage.InvitationLinkAsync(UsersPage.Row(page, email)));
        var invitee = await OpenBrowserAsync(server);
        await invitee.GotoAsync(link);
        await UsersPageTests.RegisterAsync(invitee, "Mae Mailed", "a passphrase from the mail");
        await Expect(Portal.ActiveAccount(invitee)).ToHaveTextAsync(team.AccountName);

        await page.ReloadAsync();
        await Expect(UsersPage.Status(UsersPage.Row(page, email))).ToHaveTextAsync("Active");
        await page.GotoAsync("/settings/users?status=active");
        await Expect(UsersPage.Emails(page)).ToHaveTextAsync([email, team.OwnerEmail]);
    }
}
