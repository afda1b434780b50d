using Microsoft.Playwright;
using Roster.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Roster.Web.Tests.Browser;

/// <summary>The Groups page: create, grant modules, add and remove members, delete; and the refusals in between.</summary>
[Collection(BrowserCollection.Second)]
public sealed class GroupsPageTests(ChromiumFixture chromium, RosterServer server) : BrowserTest(chromium), IClassFixture<RosterServer>
{
    private const string LastAdmin =
        "This change would leave the account without an active member who can invite users. Give another active member the Account module first.";

    private async Task<(Team Team, IPage Page)> OwnerOnGroupsPageAsync()
    {
        var team = await Team.CreateAsync(server);
        var page = await SignedInPageAsync(server, team.OwnerEmail, UsersOnServer.Password);
        await Expect(Portal.ActiveAccount(page)).ToHaveTextAsync(team.AccountName);
        await Portal.Sidebar(page).GetByRole(AriaRole.Link, new() { Name = "Groups", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Groups", Exact = true })).ToBeVisibleAsync();
        return (team, page);
    }

    private static ILocator Row(IPage page, string name) => page.GetByTestId("groups").Locator("tbody tr").Filter(new() { HasText = name });

    [Fact]
    public async Task CreateGroup_GrantAModule_AddAMember_ThenDeleteIt()
    {
        var (team, page) = await OwnerOnGroupsPageAsync();
        var email = team.Email("bill");
        await team.AddActiveMemberAsync("Bill Payer", email);
        await page.ReloadAsync();
        await ScreenshotAsync(page, "groups-list");

        await page.GetByRole(AriaRole.Link, new() { Name = "+ Add group" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Name").FillAsync("Billing");
        await dialog.GetByLabel("Description").FillAsync("Invoices and payments");
        await dialog.GetByLabel("Color").FillAsync("#2e7d32");
        await ScreenshotAsync(page, "groups-add");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();

        await Expect(Portal.Notice(page)).ToHaveTextAsync("Group “Billing” is created. Choose its modules and members below.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Billing", Exact = true })).ToBeVisibleAsync();
        await page.GetByLabel("Reports").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save permissions" }).ClickAsync();
        await Expect(Portal.Notice(page)).ToHaveTextAsync("“Billing” now gives Reports.");
        await Expect(page.GetByLabel("Reports")).ToBeCheckedAsync();

        await page.GetByLabel("Add a user of this account").SelectOptionAsync(new SelectOptionValue { Label = $"Bill Payer ({email})" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Add member" }).ClickAsync();
        await Expect(Portal.Notice(page)).ToHaveTextAsync("Bill Payer is now a member of “Billing”.");
        await Expect(page.GetByTestId("group-members-table")).ToContainTextAsync(email);
        await ScreenshotAsync(page, "groups-details");

        await page.GetByRole(AriaRole.Link, new() { Name = "Groups", Exact = true }).First.ClickAsync();
        await Expect(Row(page, "Billing").GetByTestId("group-members")).ToHaveTextAsync("1");
        await Expect(Row(page, "Billing").GetByTestId("group-modules")).ToHaveTextAsync("Reports");

        await Row(page, "Billing").GetByLabel("More actions for Billing").ClickAsync();
        await Row(page, "Billing").GetByRole(AriaRole.Link, new() { Name = "Delete" }).ClickAsync();
        var confirm = page.GetByRole(AriaRole.Alertdialog);
        await Expect(confirm).ToContainTextAsync("Delete the group Billing?");
        await ScreenshotAsync(page, "groups-delete-confirm");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(Portal.Notice(page)).ToHaveTextAsync("Group “Billing” is deleted. Its members stay in the account.");
        await Expect(Row(page, "Billing")).ToHaveCountAsync(0);
        await page.GotoAsync("/settings/users");
        await Expect(UsersPage.Row(page, email)).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task CreateOrRenameGroup_WithATakenName_ShowsTheFieldMessage()
    {
        var (_, page) = await OwnerOnGroupsPageAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "+ Add group" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);

        await dialog.GetByLabel("Name").FillAsync("support");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(dialog.Locator("#group-name-error")).ToHaveTextAsync("Another group of this account already has this name.");
        await Expect(dialog.GetByLabel("Name")).ToHaveValueAsync("support");

        await dialog.GetByLabel("Name").FillAsync("");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(dialog.Locator("#group-name-error")).ToHaveTextAsync("The group name is required.");
        await dialog.GetByRole(AriaRole.Link, new() { Name = "Cancel" }).ClickAsync();

        await Row(page, "Support").GetByRole(AriaRole.Link, new() { Name = "Support", Exact = true }).ClickAsync();
        await page.GetByLabel("Name").FillAsync("Administrators");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(page.Locator("#group-name-error")).ToHaveTextAsync("Another group of this account already has this name.");
        await page.GetByLabel("Name").FillAsync("Customer care");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(Portal.Notice(page)).ToHaveTextAsync("“Customer care” is saved.");
    }

    [Fact]
    public async Task TheLastAdministrator_CannotLeaveOrLoseAdministrators()
    {
        var (team, page) = await OwnerOnGroupsPageAsync();
        await Row(page, "Administrators").GetByRole(AriaRole.Link, new() { Name = "Administrators", Exact = true }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = $"Remove {Team.OwnerName} from Administrators" }).ClickAsync();
        await Expect(Portal.Alert(page)).ToHaveTextAsync(LastAdmin);
        await Expect(page.GetByTestId("group-members-table")).ToContainTextAsync(team.OwnerEmail);
        await ScreenshotAsync(page, "groups-last-admin");

        await page.GetByLabel("Account MD-0001").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save permissions" }).ClickAsync();
        await Expect(Portal.Alert(page)).ToHaveTextAsync(LastAdmin);
        await Expect(page.GetByLabel("Account MD-0001")).ToBeCheckedAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Delete group" }).ClickAsync();
        await page.GetByRole(AriaRole.Alertdialog).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alertdialog).GetByRole(AriaRole.Alert)).ToHaveTextAsync($"“Administrators” was not deleted. {LastAdmin}");
    }

    [Fact]
    public async Task ManagerWithoutEveryModule_AddingSomeoneToAdministrators_IsToldWhichModulesTheyLack()
    {
        var account = await OwnAccount.CreateAsync(server);
        var manager = await account.MemberAsync(await account.GroupAsync(Modules.ModuleCatalog.Account));
        var page = await SignedInPageAsync(server, manager.Email, UsersOnServer.Password);
        await page.GotoAsync($"/settings/groups/{account.AdministratorsId}");

        await page.GetByLabel("Add a user of this account").SelectOptionAsync(new SelectOptionValue { Label = $"Mo Member ({manager.Email})" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Add member" }).ClickAsync();

        await Expect(Portal.Alert(page)).ToHaveTextAsync("You can only hand out modules you hold yourself in this account, and you do not hold " +
            "Users (MD-0002), Partners (MD-0003), Helpdesk (MD-0004), Reports (MD-0005), Audit (MD-0006), Integrations (MD-0007).");
        await Expect(page.GetByTestId("group-members-table")).Not.ToContainTextAsync(manager.Email);
        await ScreenshotAsync(page, "groups-not-held");
    }

    [Fact]
    public async Task MemberWhoCannotManage_ReadsGroupsButChangesNothing()
    {
        var team = await Team.CreateAsync(server);
        var email = team.Email("reader");
        await team.AddActiveMemberAsync("Rhea Reader", email, team.SupportId);
        var page = await SignedInPageAsync(server, email, UsersOnServer.Password);
        await page.GotoAsync("/settings/groups");

        await Expect(Row(page, "Support").GetByTestId("group-members")).ToHaveTextAsync("1");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "+ Add group" })).ToHaveCountAsync(0);
        await Row(page, "Support").GetByRole(AriaRole.Link, new() { Name = "Support", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("group-members-table")).ToContainTextAsync(email);
        await Expect(page.GetByRole(AriaRole.Button)).ToHaveCountAsync(0, new() { Timeout = 5_000 });
        (await page.GotoAsync("/settings/groups/add"))!.Status.ShouldBe(404);
    }
}
