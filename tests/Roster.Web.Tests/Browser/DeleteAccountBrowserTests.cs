using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Roster.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Roster.Web.Tests.Browser;

/// <summary>Settings › General's danger zone, and creating another account only after saying yes.</summary>
[Collection(BrowserCollection.Second)]
public sealed class DeleteAccountBrowserTests(ChromiumFixture chromium, RosterServer server) : BrowserTest(chromium), IClassFixture<RosterServer>
{
    private static ILocator DangerZone(IPage page) => page.GetByTestId("delete-account");

    [Fact]
    public async Task DeleteAccount_WithTheExactName_DeletesIt_AndEveryMembersNextPageContinuesElsewhere()
    {
        var team = await Team.CreateAsync(server);
        var refuge = await Team.CreateAsync(server);
        string ownersOther;
        using (var owner = await server.SignedInClientAsync(team.OwnerEmail, UsersOnServer.Password))
            ownersOther = (await (await owner.PostJsonAsync("/public/v1/accounts", new { name = $"Spare {team.AccountName}" })).ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
        var memberEmail = team.Email("mel");
        await team.AddActiveMemberAsync("Mel Member", memberEmail);
        await refuge.InviteAsync("Mel Member", memberEmail, refuge.SupportId);
        var member = await SignedInPageAsync(server, memberEmail, UsersOnServer.Password);
        if (await Portal.ActiveAccount(member).TextContentAsync() != team.AccountName)
        {
            await Portal.AccountMenu(member).ClickAsync();
            await member.GetByRole(AriaRole.Button, new() { Name = team.AccountName }).ClickAsync();
        }
        await Expect(Portal.ActiveAccount(member)).ToHaveTextAsync(team.AccountName);
        await member.GotoAsync("/settings/general");
        await Expect(DangerZone(member)).ToHaveCountAsync(0);

        var page = await SignedInPageAsync(server, team.OwnerEmail, UsersOnServer.Password);
        await page.GotoAsync("/settings/general");
        await Expect(Portal.ActiveAccount(page)).ToHaveTextAsync(team.AccountName);
        var zone = DangerZone(page);
        await Expect(zone.GetByRole(AriaRole.Heading, new() { Name = "Delete account" })).ToBeVisibleAsync();
        await Expect(zone).ToContainTextAsync("API tokens");
        await Expect(zone).ToContainTextAsync("partnerships");
        await ScreenshotAsync(page, "general-delete-account");
        await ShouldPassAxeAsync(page);

        await zone.GetByLabel($"Type {team.AccountName} to confirm").FillAsync(team.AccountName.ToLowerInvariant());
        await zone.GetByRole(AriaRole.Button, new() { Name = "Delete account" }).ClickAsync();
        await Expect(DangerZone(page)).ToContainTextAsync($"Type the account's name, {team.AccountName}, exactly as it is written to confirm.");
        await Expect(Portal.ActiveAccount(page)).ToHaveTextAsync(team.AccountName);

        await DangerZone(page).GetByLabel($"Type {team.AccountName} to confirm").FillAsync(team.AccountName);
        await DangerZone(page).GetByRole(AriaRole.Button, new() { Name = "Delete account" }).ClickAsync();

        await Expect(page.GetByTestId("account-moved")).ToHaveTextAsync($"{team.AccountName} was deleted. You are now working in Spare {team.AccountName}.");
        await Expect(Portal.ActiveAccount(page)).ToHaveTextAsync($"Spare {team.AccountName}");
        await Expect(page.GetByTestId("account-id")).ToHaveTextAsync(ownersOther);
        await member.ReloadAsync();
        await Expect(member.GetByTestId("account-moved")).ToHaveTextAsync($"{team.AccountName} was deleted. You are now working in {refuge.AccountName}.");
        await Expect(Portal.ActiveAccount(member)).ToHaveTextAsync(refuge.AccountName);
    }

    [Fact]
    public async Task DeleteAccount_WhileAPartnershipIsActive_IsRefusedOnThePageWithWhatToEndFirst()
    {
        var team = await Team.CreateAsync(server);
        var partner = await Team.CreateAsync(server);
        using (var owner = await server.SignedInClientAsync(team.OwnerEmail, UsersOnServer.Password))
        using (var other = await server.SignedInClientAsync(partner.OwnerEmail, UsersOnServer.Password))
        {
            await (await owner.PostJsonAsync("/public/v1/auth/context", new { account = new { id = team.AccountId } })).ExpectAsync(HttpStatusCode.Created);
            await (await other.PostJsonAsync("/public/v1/auth/context", new { account = new { id = partner.AccountId } })).ExpectAsync(HttpStatusCode.Created);
            await (await owner.PostJsonAsync("/public/v1/partners", new { id = partner.AccountId })).ExpectAsync(HttpStatusCode.Created);
            await (await other.PostJsonAsync($"/public/v1/partners/{team.AccountId}/accept", null)).ExpectAsync(HttpStatusCode.OK);
        }
        var page = await SignedInPageAsync(server, team.OwnerEmail, UsersOnServer.Password);
        await page.GotoAsync("/settings/general");

        await DangerZone(page).GetByLabel($"Type {team.AccountName} to confirm").FillAsync(team.AccountName);
        await DangerZone(page).GetByRole(AriaRole.Button, new() { Name = "Delete account" }).ClickAsync();

        await Expect(Portal.Alert(page)).ToContainTextAsync($"still has active partnerships with {partner.AccountName}");
        await Expect(Portal.Alert(page)).ToContainTextAsync("End them first");
        await page.GotoAsync("/settings/general");
        await Expect(page.GetByTestId("account-id")).ToHaveTextAsync(team.AccountId);
    }

    [Fact]
    public async Task CreateAnotherAccount_AsksForConfirmationFirst_AndCreatesOnlyAfterYes()
    {
        var team = await Team.CreateAsync(server);
        var page = await SignedInPageAsync(server, team.OwnerEmail, UsersOnServer.Password);
        await page.GotoAsync("/settings/general");
        var name = $"Second {team.AccountName}";

        await page.GetByLabel("Account name", new() { Exact = true }).Last.FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        var confirm = page.GetByTestId("confirm-create-account");
        await Expect(confirm).ToContainTextAsync($"Create {name}?");
        await Expect(Portal.ActiveAccount(page)).ToHaveTextAsync(team.AccountName);
        await ScreenshotAsync(page, "general-confirm-create");
        await ShouldPassAxeAsync(page);
        await confirm.GetByRole(AriaRole.Link, new() { Name = "Cancel" }).ClickAsync();
        await Expect(page.GetByTestId("confirm-create-account")).ToHaveCountAsync(0);
        await Expect(Portal.ActiveAccount(page)).ToHaveTextAsync(team.AccountName);
        await Portal.AccountMenu(page).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = name })).ToHaveCountAsync(0);
        await Portal.AccountMenu(page).ClickAsync();

        await page.GetByLabel("Account name", new() { Exact = true }).Last.FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await page.GetByTestId("confirm-create-account").GetByRole(AriaRole.Button, new() { Name = $"Create {name}" }).ClickAsync();

        await Expect(Portal.ActiveAccount(page)).ToHaveTextAsync(name);
    }

    [Fact]
    public async Task DeleteUser_AsTheOnlyMemberOfAnAccount_NamesItAndDeletesItWithTheUser_LeavingOtherAccountsAlone()
    {
        var team = await Team.CreateAsync(server);
        var shared = await Team.CreateAsync(server);
        await shared.InviteAsync(Team.OwnerName, team.OwnerEmail, shared.SupportId);
        var page = await SignedInPageAsync(server, team.OwnerEmail, UsersOnServer.Password);
        await page.GotoAsync("/profile/security/delete");

        var dialog = page.GetByTestId("delete-user");
        await Expect(dialog.GetByTestId("sole-accounts")).ToContainTextAsync($"{team.AccountName} ({team.AccountId})");
        await Expect(dialog.GetByTestId("sole-accounts")).Not.ToContainTextAsync(shared.AccountName);
        await ScreenshotAsync(page, "delete-user-with-accounts");
        await ShouldPassAxeAsync(page);
        await page.GetByLabel("Your password").FillAsync(UsersOnServer.Password);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete user and 1 account permanently" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Uri(server.BaseAddress, "/user-deleted").ToString());
        using var sharedOwner = await server.SignedInClientAsync(shared.OwnerEmail, UsersOnServer.Password);
        await (await sharedOwner.GetAsync($"/public/v1/accounts/{shared.AccountId}")).ExpectAsync(HttpStatusCode.OK);
        await (await sharedOwner.GetAsync($"/public/v1/accounts/{shared.AccountId}/users/{team.OwnerId}")).ExpectErrorAsync(HttpStatusCode.NotFound);
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Roster.Data.RosterDbContext>();
        (await db.Accounts.AnyAsync(a => a.Id == team.AccountId)).ShouldBeFalse();
        (await db.Users.AnyAsync(u => u.Id == team.OwnerId)).ShouldBeFalse();
        (await db.AuditEntries.CountAsync(e => e.AccountId == team.AccountId && e.Action == Roster.Audit.AuditAction.AccountDeleted)).ShouldBe(1);
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
