using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Roster.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Roster.Web.Tests.Browser;

/// <summary>The Users page: the Add user wizard, the row actions and the invitation lifecycle, each in an account of its own.</summary>
[Collection(BrowserCollection.Second)]
public sealed partial class UsersPageTests(ChromiumFixture chromium, RosterServer server) : BrowserTest(chromium), IClassFixture<RosterServer>
{
    private async Task<(Team Team, IPage Page)> OwnerOnUsersPageAsync()
    {
        var team = await Team.CreateAsync(server);
        var page = await SignedInPageAsync(server, team.OwnerEmail, UsersOnServer.Password);
        await Expect(Portal.ActiveAccount(page)).ToHaveTextAsync(team.AccountName);
        await UsersPage.OpenAsync(page);
        return (team, page);
    }

    [Fact]
    public async Task AddUser_ThroughTheWizard_ShowsAnInvitedRow()
    {
        var (team, page) = await OwnerOnUsersPageAsync();
        await ScreenshotAsync(page, "users-list");
        var email = team.Email("junior");
        var dialog = UsersPage.Dialog(page);

        await UsersPage.StartWizardAsync(page);
        await dialog.GetByLabel("Name").FillAsync("Robert Balboa Jr.");
        await dialog.GetByLabel("Email").FillAsync(email);
        await ScreenshotAsync(page, "wizard-step-1");
        await UsersPage.Next(page, 2);
        await dialog.GetByLabel("Support", new() { Exact = true }).CheckAsync();
        await ScreenshotAsync(page, "wizard-step-2");
        await UsersPage.Next(page, 3);
        await Expect(dialog.GetByTestId("summary")).ToContainTextAsync("Robert Balboa Jr.");
        await Expect(dialog.GetByTestId("summary")).ToContainTextAsync(email);
        await Expect(dialog.GetByTestId("summary")).ToContainTextAsync("Support");
        await Expect(dialog.GetByTestId("summary-outcome")).ToHaveTextAsync($"Roster emails {email}. Someone new registers through the link in it, which works once; someone who already uses Roster joins the account at once.");
        await ScreenshotAsync(page, "wizard-step-3");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();

        await Expect(Portal.Notice(page)).ToHaveTextAsync($"Robert Balboa Jr. is invited: an invitation link was sent to {email}.");
        var row = UsersPage.Row(page, email);
        await Expect(UsersPage.Status(row)).ToHaveTextAsync("Invited");
        await Expect(row).ToContainTextAsync(new Regex(@"UR-\d{3}-\d{3}-\d{3}"));
        await Expect(row.GetByTestId("user-joined")).ToHaveTextAsync("—");
        await Expect(UsersPage.Range(page).First).ToHaveTextAsync("1-2 of 2");
        await ScreenshotAsync(page, "users-invited");
    }

    [Fact]
    public async Task AddUser_WithMistakes_ShowsEachStepsMessage_AndKeepsWhatWasTyped()
    {
        var (team, page) = await OwnerOnUsersPageAsync();
        var dialog = UsersPage.Dialog(page);
        await UsersPage.StartWizardAsync(page);

        await dialog.GetByLabel("Email").FillAsync("not an email");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        // Both mistakes at once, not one per click.
        await Expect(dialog.Locator("#user-name-error")).ToHaveTextAsync("Enter a name.");
        await Expect(dialog.GetByLabel("Name")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(dialog.Locator("#user-email-error")).ToHaveTextAsync("Enter a valid email address.");
        await Expect(dialog.GetByLabel("Email")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(dialog.GetByLabel("Email")).ToHaveValueAsync("not an email");

        await dialog.GetByLabel("Name").FillAsync("Casey Clerk");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await Expect(dialog.Locator("#user-email-error")).ToHaveTextAsync("Enter a valid email address.");
        await Expect(dialog.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Add user – Step 1");
        await ScreenshotAsync(page, "wizard-step-1-errors");

        await dialog.GetByLabel("Email").FillAsync(team.Email("casey"));
        await UsersPage.Next(page, 2);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await Expect(dialog.Locator("#user-groups-error")).ToHaveTextAsync("Choose at least one group.");
        await Expect(dialog.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Add user – Step 2");
        await ScreenshotAsync(page, "wizard-step-2-errors");

        await dialog.GetByRole(AriaRole.Button, new() { Name = "Back" }).ClickAsync();
        await Expect(dialog.GetByLabel("Name")).ToHaveValueAsync("Casey Clerk");
        await Expect(dialog.GetByLabel("Email")).ToHaveValueAsync(team.Email("casey"));

        // CREATE checks again and returns to the step holding the field: someone invited the email meanwhile.
        await UsersPage.Next(page, 2);
        await dialog.GetByLabel("Administrators").CheckAsync();
        await UsersPage.Next(page, 3);
        await team.InviteAsync("Casey Clerk", team.Email("casey"));
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Add user – Step 1");
        await Expect(dialog.Locator("#user-email-error")).ToHaveTextAsync($"{team.Email("casey")} is already invited. Resend the invitation instead.");

        await dialog.GetByRole(AriaRole.Link, new() { Name = "Cancel" }).ClickAsync();
        await Expect(UsersPage.Dialog(page)).ToHaveCountAsync(0);
        await Expect(UsersPage.Rows(page)).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task AddUser_IntoAGroupWithModulesTheManagerLacks_ShowsWhyOnTheGroupStep_AndInvitesNobody()
    {
        var account = await OwnAccount.CreateAsync(server);
        var manager = await account.MemberAsync(await account.GroupAsync(Modules.ModuleCatalog.Account));
        var page = await SignedInPageAsync(server, manager.Email, UsersOnServer.Password);
        await UsersPage.OpenAsync(page);
        var email = $"hopeful-{Guid.NewGuid():N}@own.test";

        await UsersPage.StartWizardAsync(page);
        var dialog = UsersPage.Dialog(page);
        await dialog.GetByLabel("Name").FillAsync("Hopeful Admin");
        await dialog.GetByLabel("Email").FillAsync(email);
        await UsersPage.Next(page, 2);
        await dialog.GetByLabel("Administrators", new() { Exact = true }).CheckAsync();
        await UsersPage.Next(page, 3);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();

        await Expect(dialog.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Add user – Step 2");
        await Expect(dialog.Locator("#user-groups-error")).ToContainTextAsync("you do not hold Users (MD-0002)");
        await ScreenshotAsync(page, "users-add-not-held");
        await page.GotoAsync("/settings/users");
        await Expect(UsersPage.Row(page, email)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task CopyInvitationLink_OpenedInAnotherBrowser_RegistersAndTheUserIsActive()
    {
        var (team, page) = await OwnerOnUsersPageAsync();
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var email = team.Email("copy");
        await UsersPage.AddUserAsync(page, "Cody Copy", email, "Support");
        var row = UsersPage.Row(page, email);

        await UsersPage.RowActionAsync(row, "Copy invitation link");
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Copied" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "users-row-menu-copied");
        var link = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        link.ShouldStartWith(server.BaseAddress.ToString().TrimEnd('/') + "/invitations/");

        var invitee = await OpenBrowserAsync(server);
        await invitee.GotoAsync(link);
        await RegisterAsync(invitee, "Cody Copy", "a fresh invitee passphrase");
        await Expect(Portal.ActiveAccount(invitee)).ToHaveTextAsync(team.AccountName);

        await page.ReloadAsync();
        await Expect(UsersPage.Status(UsersPage.Row(page, email))).ToHaveTextAsync("Active");
        // Viewers who never chose formats see Connect's defaults, in UTC.
        await Expect(UsersPage.Row(page, email).GetByTestId("user-joined")).ToHaveTextAsync(
            server.Clock.GetUtcNow().ToString("MM/dd/yyyy h:mm tt", CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task ResendInvitation_StaysInvited_AndTheOldLinkNoLongerWorks()
    {
        var (team, page) = await OwnerOnUsersPageAsync();
        var email = team.Email("resend");
        await team.InviteAsync("Rita Resend", email);
        await page.ReloadAsync();
        var row = UsersPage.Row(page, email);
        var oldLink = await UsersPage.InvitationLinkAsync(row);

        await UsersPage.RowActionAsync(row, "Resend invitation");

        await Expect(Portal.Notice(page)).ToHaveTextAsync($"A new invitation was sent to {email}. The previous link no longer works.");
        await Expect(UsersPage.Status(row)).ToHaveTextAsync("Invited");
        (await UsersPage.InvitationLinkAsync(row)).ShouldNotBe(oldLink);
        var stranger = await OpenBrowserAsync(server);
        await stranger.GotoAsync(oldLink);
        await Expect(stranger.GetByRole(AriaRole.Heading, new() { Name = "This invitation is no longer valid" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task RevokeInvitation_Confirmed_ReadsRevoked_AndLeavesOnlyResendAndDelete()
    {
        var (team, page) = await OwnerOnUsersPageAsync();
        var email = team.Email("revoke");
        await team.InviteAsync("Ray Revoke", email);
        await page.ReloadAsync();
        var row = UsersPage.Row(page, email);

        await UsersPage.RowActionAsync(row, "Revoke invitation");
        await page.GetByRole(AriaRole.Alertdialog).GetByRole(AriaRole.Button, new() { Name = "Revoke invitation" }).ClickAsync();

        await Expect(Portal.Notice(page)).ToHaveTextAsync($"The invitation of {email} is revoked: its link no longer works.");
        await Expect(UsersPage.Status(row)).ToHaveTextAsync("Revoked");
        await row.Locator("summary[aria-label^='More actions']").ClickAsync();
        await Expect(row.Locator(".menu-list").GetByRole(AriaRole.Button)).ToHaveTextAsync(["Resend invitation"]);
        await Expect(row.Locator(".menu-list").GetByRole(AriaRole.Link)).ToHaveTextAsync(["Delete"]);
    }

    [Fact]
    public async Task EditUser_ChangesAnActiveMembersGroups_ButNotTheirNameOrEmail()
    {
        var (team, page) = await OwnerOnUsersPageAsync();
        var email = team.Email("edith");
        await team.AddActiveMemberAsync("Edith Editor", email, team.SupportId);
        await page.ReloadAsync();
        var dialog = UsersPage.Dialog(page);

        await UsersPage.Row(page, email).GetByRole(AriaRole.Link, new() { Name = "Edit Edith Editor" }).ClickAsync();
        await Expect(dialog.GetByLabel("Support")).ToBeCheckedAsync();
        await Expect(dialog.GetByLabel("Email")).ToHaveCountAsync(0);
        await dialog.GetByLabel("Support").UncheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(dialog.Locator("#user-groups-error")).ToHaveTextAsync("Choose at least one group.");

        await dialog.GetByLabel("Administrators").CheckAsync();
        await ScreenshotAsync(page, "users-edit-active");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(Portal.Notice(page)).ToHaveTextAsync("Edith Editor is saved.");

        await page.GotoAsync($"/settings/users?group={team.AdministratorsId}");
        await Expect(UsersPage.Emails(page)).ToHaveTextAsync([email, team.OwnerEmail]);
        await UsersPage.Row(page, email).GetByRole(AriaRole.Link, new() { Name = "Edit Edith Editor" }).ClickAsync();
        await Expect(dialog.GetByLabel("Administrators")).ToBeCheckedAsync();
        await Expect(dialog.GetByLabel("Support")).Not.ToBeCheckedAsync();
        await dialog.GetByRole(AriaRole.Link, new() { Name = "Cancel" }).ClickAsync();
        // Cancel keeps the list's filter, and its fragment puts the focus back on the row's Edit.
        await Expect(page).ToHaveURLAsync(new Regex($@"/settings/users\?group={team.AdministratorsId}#edit-[A-Z0-9-]+$"));
    }

    [Fact]
    public async Task EditUser_ChangesAnInviteesEmail_AndSendsANewLink()
    {
        var (team, page) = await OwnerOnUsersPageAsync();
        var oldEmail = team.Email("typo");
        var newEmail = team.Email("fixed");
        await team.InviteAsync("Ivy Invitee", oldEmail);
        await page.ReloadAsync();
        var oldLink = await UsersPage.InvitationLinkAsync(UsersPage.Row(page, oldEmail));
        var dialog = UsersPage.Dialog(page);

        await UsersPage.Row(page, oldEmail).GetByRole(AriaRole.Link, new() { Name = "Edit Ivy Invitee" }).ClickAsync();
        await dialog.GetByLabel("Email").FillAsync(newEmail);
        await ScreenshotAsync(page, "users-edit-invitee");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(Portal.Notice(page)).ToHaveTextAsync(
            $"Ivy Invitee is saved: a new invitation link was sent to {newEmail}, and the previous one no longer works.");
        await Expect(UsersPage.Row(page, oldEmail)).ToHaveCountAsync(0);
        var row = UsersPage.Row(page, newEmail);
        await Expect(UsersPage.Status(row)).ToHaveTextAsync("Invited");
        (await UsersPage.InvitationLinkAsync(row)).ShouldNotBe(oldLink);
    }

    [Fact]
    public async Task DeleteUser_QuotesConnectsWarning_CancelKeepsTheRow_DeleteRemovesIt()
    {
        var (team, page) = await OwnerOnUsersPageAsync();
        var email = team.Email("dora");
        await team.AddActiveMemberAsync("Dora Delete", email);
        await page.ReloadAsync();
        var confirm = page.GetByRole(AriaRole.Alertdialog);

        await UsersPage.RowActionAsync(UsersPage.Row(page, email), "Delete");
        await Expect(confirm).ToContainTextAsync("Dora Delete will no longer have access to this account");
        await Expect(confirm).ToContainTextAsync($"Dora Delete ({email})");
        await ScreenshotAsync(page, "users-delete-confirm");
        await confirm.GetByRole(AriaRole.Link, new() { Name = "Cancel" }).ClickAsync();
        await Expect(confirm).ToHaveCountAsync(0);
        await Expect(UsersPage.Row(page, email)).ToHaveCountAsync(1);

        await UsersPage.RowActionAsync(UsersPage.Row(page, email), "Delete");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();

        await Expect(Portal.Notice(page)).ToHaveTextAsync($"Dora Delete ({email}) was deleted from this account.");
        await Expect(UsersPage.Row(page, email)).ToHaveCountAsync(0);
        await Expect(UsersPage.Range(page).First).ToHaveTextAsync("1-1 of 1");
    }

    [Fact]
    public async Task DeleteTheLastAdministrator_IsRefusedWithTheReason()
    {
        var (team, page) = await OwnerOnUsersPageAsync();

        await UsersPage.RowActionAsync(UsersPage.Row(page, team.OwnerEmail), "Delete");
        await page.GetByRole(AriaRole.Alertdialog).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();

        // Deleting oneself is leaving, refused with what to do instead.
        await Expect(Portal.Alert(page)).ToHaveTextAsync(
            $"Olive Owner was not deleted. You are the last active member of {team.AccountName} who can invite users, so leaving would " +
            "leave it without anyone to manage it. Give another active member the Account module first (Settings › Groups), then leave.");
        await Expect(UsersPage.Status(UsersPage.Row(page, team.OwnerEmail))).ToHaveTextAsync("Active");
        await ScreenshotAsync(page, "users-last-admin");
    }

    [Fact]
    public async Task FilterByStatusGroupAndSearch_RunsInTheListAndStaysInTheAddress()
    {
        var (team, page) = await OwnerOnUsersPageAsync();
        await team.AddActiveMemberAsync("Amy Active", team.Email("amy"));
        await team.InviteAsync("Bob Builder", team.Email("bob"));
        await team.InviteAsync("Cat Invited", team.Email("cat"), team.AdministratorsId);
        await page.ReloadAsync();
        await Expect(UsersPage.Rows(page)).ToHaveCountAsync(4);
        var filter = page.GetByTestId("filter");

        await filter.GetByText("Filter", new() { Exact = true }).ClickAsync();
        await filter.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync("invited");
        await ScreenshotAsync(page, "users-filter");
        await filter.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"status=invited"));
        await Expect(UsersPage.Emails(page)).ToHaveTextAsync([team.Email("bob"), team.Email("cat")]);
        await Expect(page.GetByTestId("list-scope")).ToContainTextAsync("Filtered users");

        await filter.GetByText("Filter", new() { Exact = true }).ClickAsync();
        await filter.GetByLabel("Group", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Administrators" });
        await filter.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(UsersPage.Emails(page)).ToHaveTextAsync([team.Email("cat")]);

        await page.GotoAsync("/settings/users?search=BUILD");
        await Expect(UsersPage.Emails(page)).ToHaveTextAsync([team.Email("bob")]);
        await page.GotoAsync($"/settings/users?search={team.Email("amy")}");
        await Expect(UsersPage.Emails(page)).ToHaveTextAsync([team.Email("amy")]);
        await page.GotoAsync("/settings/users?search=nobody-at-all");
        await Expect(UsersPage.Rows(page)).ToHaveTextAsync(["No users match these filters."]);
        await Expect(UsersPage.Range(page)).ToHaveCountAsync(0);

        await page.GoBackAsync();
        await Expect(UsersPage.Emails(page)).ToHaveTextAsync([team.Email("amy")]);
        await page.GetByRole(AriaRole.Link, new() { Name = "Clear filters" }).ClickAsync();
        await Expect(UsersPage.Rows(page)).ToHaveCountAsync(4);
    }

    [Fact]
    public async Task SortByEmailDescending_OrdersTheRows_AndTheHeaderSaysSo()
    {
        var (team, page) = await OwnerOnUsersPageAsync();
        await team.InviteAsync("Ann Able", team.Email("amy"));
        await team.InviteAsync("Ben Bold", team.Email("bob"));
        await page.ReloadAsync();
        await Expect(UsersPage.Emails(page)).ToHaveTextAsync([team.Email("amy"), team.Email("bob"), team.OwnerEmail]);
        var sort = page.GetByTestId("sort");

        await sort.GetByText("Sort", new() { Exact = true }).ClickAsync();
        await ScreenshotAsync(page, "users-sort");
        await sort.GetByRole(AriaRole.Link, new() { Name = "Email descending" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"sort=-email"));
        await Expect(UsersPage.Emails(page)).ToHaveTextAsync([team.OwnerEmail, team.Email("bob"), team.Email("amy")]);
        await Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Email" })).ToHaveAttributeAsync("aria-sort", "descending");

        // The column header toggles the direction.
        await page.GetByRole(AriaRole.Columnheader, new() { Name = "Email" }).GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"sort=email$"));
        await Expect(UsersPage.Emails(page)).ToHaveTextAsync([team.Email("amy"), team.Email("bob"), team.OwnerEmail]);
    }

    [Fact]
    public async Task ColumnsChooser_HidesEmail_AndTheChoiceOutlivesTheSession()
    {
        var (team, page) = await OwnerOnUsersPageAsync();
        var columns = page.GetByTestId("columns");
        var emailHeader = page.GetByRole(AriaRole.Columnheader, new() { Name = "Email", Exact = true });
        await Expect(emailHeader).ToBeVisibleAsync();

        await columns.GetByText("Columns", new() { Exact = true }).ClickAsync();
        await columns.GetByLabel("Email").UncheckAsync();
        await ScreenshotAsync(page, "users-columns");
        await columns.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();

        await Expect(emailHeader).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Status", Exact = true })).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Expect(emailHeader).ToHaveCountAsync(0);

        var later = await SignedInPageAsync(server, team.OwnerEmail, UsersOnServer.Password);
        await UsersPage.OpenAsync(later);
        await Expect(later.GetByRole(AriaRole.Columnheader, new() { Name = "Name", Exact = true })).ToBeVisibleAsync();
        await Expect(later.GetByRole(AriaRole.Columnheader, new() { Name = "Email", Exact = true })).ToHaveCountAsync(0);
        await Expect(UsersPage.Row(later, Team.OwnerName)).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Paging_TwelveUsersAtTenPerPage_ShowsTwoPagesAtTopAndBottom()
    {
        var (team, page) = await OwnerOnUsersPageAsync();
        for (var i = 1; i <= 11; i++) await team.InviteAsync($"Member {i:00}", team.Email($"member{i:00}"));
        await page.ReloadAsync();

        await Expect(UsersPage.Range(page)).ToHaveTextAsync(["1-10 of 12", "1-10 of 12"]);
        await Expect(UsersPage.Rows(page)).ToHaveCountAsync(10);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Previous page" })).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "users-page-1");

        await page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).Last.ClickAsync();
        await Expect(UsersPage.Range(page)).ToHaveTextAsync(["11-12 of 12", "11-12 of 12"]);
        await Expect(UsersPage.Rows(page)).ToHaveCountAsync(2);
        await Expect(page).ToHaveURLAsync(new Regex(@"page=2"));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Next page" })).ToHaveCountAsync(0);

        await page.GoBackAsync();
        await Expect(UsersPage.Range(page).First).ToHaveTextAsync("1-10 of 12");
        await page.GetByLabel("Rows per page").First.SelectOptionAsync("25");
        await Expect(UsersPage.Range(page)).ToHaveTextAsync(["1-12 of 12", "1-12 of 12"]);
        await Expect(page).ToHaveURLAsync(new Regex(@"rows=25"));
    }

    [Fact]
    public async Task Dates_AreShownInTheViewersTimeZoneAndFormats()
    {
        var team = await Team.CreateAsync(server);
        await team.ChangeOwnerAsync(u => (u.TimeZone, u.DateFormat, u.TimeFormat) = ("Asia/Tokyo", "yyyy-MM-dd", "HH:mm"));
        var page = await SignedInPageAsync(server, team.OwnerEmail, UsersOnServer.Password);
        await UsersPage.OpenAsync(page);

        // The test clock stands still: the account was founded and the owner signed in at this instant.
        var tokyo = TimeZoneInfo.ConvertTime(server.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"))
            .ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var row = UsersPage.Row(page, team.OwnerEmail);
        await Expect(row.GetByTestId("user-signed")).ToHaveTextAsync(tokyo);
        await Expect(row.GetByTestId("user-joined")).ToHaveTextAsync(tokyo);
    }

    [Fact]
    public async Task MemberWhoCannotManageUsers_SeesTheListWithoutActions()
    {
        var team = await Team.CreateAsync(server);
        var email = team.Email("viewer");
        await team.AddActiveMemberAsync("Vic Viewer", email, team.SupportId);
        var page = await SignedInPageAsync(server, email, UsersOnServer.Password);
        await Expect(Portal.Sidebar(page).GetByRole(AriaRole.Link, new() { Name = "Users" })).ToHaveCountAsync(0);
        await page.GotoAsync("/settings/users");

        await Expect(UsersPage.Rows(page)).ToHaveCountAsync(2);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "+ Add user" })).ToHaveCountAsync(0);
        await Expect(page.Locator("summary[aria-label^='More actions']")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Edit Olive Owner" })).ToHaveCountAsync(0);
        (await page.GotoAsync("/settings/users/add"))!.Status.ShouldBe(404);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
        (await page.GotoAsync($"/settings/users/{team.OwnerId}/delete"))!.Status.ShouldBe(404);
    }

    /// <summary>The invitation page's registration form, as the invitee fills it in.</summary>
    internal static async Task RegisterAsync(IPage invitee, string name, string password)
    {
        await Expect(invitee.GetByRole(AriaRole.Heading, new() { Name = "Join" })).ToBeVisibleAsync();
        await invitee.GetByLabel("Name").FillAsync(name);
        await invitee.GetByLabel("Password").FillAsync(password);
        await invitee.GetByRole(AriaRole.Button, new() { Name = "Create user and join" }).ClickAsync();
    }
}
