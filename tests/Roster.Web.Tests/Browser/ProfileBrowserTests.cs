using System.Globalization;
using Microsoft.Playwright;
using Roster.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Roster.Web.Tests.Browser;

public sealed class ProfileBrowserTests(ChromiumFixture chromium, RosterServer server) : BrowserTest(chromium), IClassFixture<RosterServer>
{
    [Fact]
    public async Task ManageYourProfile_FromTheTopBar_ShowsTheProfileSidebarInsteadOfSettings()
    {
        var team = await Team.CreateAsync(server);
        var page = await SignedInPageAsync(server, team.OwnerEmail, UsersOnServer.Password);

        await Portal.OpenProfileAsync(page);

        await Expect(page).ToHaveURLAsync(new Uri(server.BaseAddress, "/profile").ToString());
        var links = Portal.ProfileSidebar(page).GetByRole(AriaRole.Link);
        await Expect(links).ToHaveTextAsync(["General", "Accounts", "Security", "Two-factor authentication", "Sessions"]);
        await Expect(Portal.ProfileSidebar(page).GetByRole(AriaRole.Link, new() { Name = "General" })).ToHaveAttributeAsync("aria-current", "page");
        await Expect(Portal.Sidebar(page)).ToHaveCountAsync(0);
        await Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync(Team.OwnerName);
        await Expect(page.GetByTestId("user-email")).ToHaveTextAsync(team.OwnerEmail);
        await ScreenshotAsync(page, "profile-general");

        await Portal.OpenProfileSectionAsync(page, "Sessions");
        await Expect(Portal.ProfileSidebar(page).GetByRole(AriaRole.Link, new() { Name = "Sessions" })).ToHaveAttributeAsync("aria-current", "page");
        await Expect(Portal.ProfileSidebar(page).GetByRole(AriaRole.Link, new() { Name = "General" })).Not.ToHaveAttributeAsync("aria-current", "page");
        await page.GotoAsync("/settings/general");
        await Expect(Portal.Sidebar(page)).ToBeVisibleAsync();
        await Expect(Portal.ProfileSidebar(page)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task General_ChangingTimeZoneAndFormats_ChangesTheDatesOnUsersAndSessions()
    {
        var team = await Team.CreateAsync(server);
        using (var owner = await server.SignedInClientAsync(team.OwnerEmail, UsersOnServer.Password))
            await (await owner.PostJsonAsync("/public/v1/auth/tokens", new { name = "Dated token" })).ExpectAsync(System.Net.HttpStatusCode.Created);
        var page = await SignedInPageAsync(server, team.OwnerEmail, UsersOnServer.Password);
        var signedIn = server.Clock.GetUtcNow();
        await UsersPage.OpenAsync(page);
        var row = UsersPage.Row(page, team.OwnerEmail);
        await Expect(row.GetByTestId("user-signed")).ToHaveTextAsync(signedIn.ToString("MM/dd/yyyy h:mm tt", CultureInfo.InvariantCulture));

        await Portal.OpenProfileAsync(page);
        await page.GetByLabel("Time zone").SelectOptionAsync("Asia/Kathmandu");
        await page.GetByLabel("Date format").SelectOptionAsync("dd.MM.yyyy");
        await page.GetByLabel("Time format").SelectOptionAsync("HH:mm");
        await ScreenshotAsync(page, "profile-general-choices");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(Portal.Notice(page)).ToHaveTextAsync("Your profile is saved.");
        await Expect(page.GetByLabel("Time zone")).ToHaveValueAsync("Asia/Kathmandu");

        // Kathmandu is UTC+05:45 all year: a shift no other zone gives by accident.
        var kathmandu = signedIn.ToOffset(new TimeSpan(5, 45, 0)).ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture);
        await Expect(page.GetByTestId("user-signed")).ToHaveTextAsync(kathmandu);
        await page.GotoAsync("/settings/users");
        await Expect(row.GetByTestId("user-signed")).ToHaveTextAsync(kathmandu);
        await Expect(page.GetByTestId("zone-note")).ToContainTextAsync("Asia/Kathmandu (UTC+05:45)");
        // The clock has not moved since the team was made: its account and token were created at the same instant.
        await page.GotoAsync("/settings/general");
        await Expect(page.GetByTestId("account-created")).ToHaveTextAsync(kathmandu);
        await page.GotoAsync("/settings/integrations");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Dated token" })).ToContainTextAsync(kathmandu);
        await page.GotoAsync("/profile/sessions");
        var current = page.GetByTestId("active-sessions").Locator("tr.current");
        await Expect(current.GetByTestId("session-created")).ToHaveTextAsync(kathmandu);
        await Expect(current.Locator("time").First).ToHaveAttributeAsync("title", "Asia/Kathmandu (UTC+05:45)");
        await ScreenshotAsync(page, "profile-sessions-kathmandu");
    }

    [Fact]
    public async Task General_EmptyName_ShowsAFieldMessage_AndKeepsTheSavedProfile()
    {
        var team = await Team.CreateAsync(server);
        var page = await SignedInPageAsync(server, team.OwnerEmail, UsersOnServer.Password);
        await Portal.OpenProfileAsync(page);

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("");
        await page.GetByLabel("Title").FillAsync("Chief Tester");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(page.Locator("#name-error")).ToHaveTextAsync("Enter a name.");
        await Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel("Title")).ToHaveValueAsync("Chief Tester");
        await page.GotoAsync("/profile");
        await Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync(Team.OwnerName);
        await Expect(page.GetByLabel("Title")).ToHaveValueAsync("");
    }

    [Fact]
    public async Task General_NewName_ShowsInTheTopBarAndTheUsersList()
    {
        var team = await Team.CreateAsync(server);
        var page = await SignedInPageAsync(server, team.OwnerEmail, UsersOnServer.Password);
        await Portal.OpenProfileAsync(page);

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Olive Newname");
        await page.GetByLabel("Send me news and announcements by email").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(Portal.Notice(page)).ToHaveTextAsync("Your profile is saved.");
        await Expect(Portal.AccountMenu(page)).ToContainTextAsync("Olive Newname");
        await Expect(page.GetByLabel("Send me news and announcements by email")).ToBeCheckedAsync();
        await page.GotoAsync("/settings/users");
        await Expect(UsersPage.Row(page, team.OwnerEmail).GetByTestId("user-name")).ToHaveTextAsync("Olive Newname");
    }

    [Fact]
    public async Task Accounts_ListsEachAccountWithItsGroups_AndSwitchesIntoOne()
    {
        var team = await Team.CreateAsync(server);
        var second = await Team.CreateAsync(server);
        await UsersOnServer.CreateAsync(server, team.Email("sam"), "Sam Shared");
        await team.InviteAsync("Sam Shared", team.Email("sam"), team.SupportId, team.AdministratorsId);
        await second.InviteAsync("Sam Shared", team.Email("sam"), second.SupportId);
        var page = await SignedInPageAsync(server, team.Email("sam"), UsersOnServer.Password);
        var first = page.GetByTestId($"account-{team.AccountId}");
        var other = page.GetByTestId($"account-{second.AccountId}");

        await Portal.OpenProfileAsync(page);
        await Portal.OpenProfileSectionAsync(page, "Accounts");

        await Expect(first.GetByTestId("account-type")).ToContainTextAsync("Vendor");
        await Expect(first.GetByTestId("account-groups")).ToHaveTextAsync("Administrators, Support");
        await Expect(other.GetByTestId("account-groups")).ToHaveTextAsync("Support");
        var (here, there) = await Portal.ActiveAccount(page).TextContentAsync() == team.AccountName ? (first, other) : (other, first);
        var thereName = here == first ? second.AccountName : team.AccountName;
        await Expect(here.GetByText("Current")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "profile-accounts");

        await there.GetByRole(AriaRole.Button, new() { Name = "Switch" }).ClickAsync();

        await Expect(Portal.ActiveAccount(page)).ToHaveTextAsync(thereName);
        await Expect(page).ToHaveURLAsync(new Uri(server.BaseAddress, "/settings/general").ToString());
        await page.GotoAsync("/profile/accounts");
        await Expect(there.GetByText("Current")).ToBeVisibleAsync();
        await Expect(here.GetByRole(AriaRole.Button, new() { Name = "Switch" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Accounts_LeavingTheCurrentAccount_AsksFirst_ThenContinuesInAnotherAccount()
    {
        var team = await Team.CreateAsync(server);
        var second = await Team.CreateAsync(server);
        await UsersOnServer.CreateAsync(server, team.Email("lee"), "Lee Leaving");
        await team.InviteAsync("Lee Leaving", team.Email("lee"), team.SupportId);
        await second.InviteAsync("Lee Leaving", team.Email("lee"), second.SupportId);
        var page = await SignedInPageAsync(server, team.Email("lee"), UsersOnServer.Password);
        var current = await Portal.ActiveAccount(page).TextContentAsync();
        var (leaving, staying) = current == team.AccountName ? (team, second) : (second, team);
        await Portal.OpenProfileAsync(page);
        await Portal.OpenProfileSectionAsync(page, "Accounts");

        await page.GetByTestId($"account-{leaving.AccountId}").GetByRole(AriaRole.Link, new() { Name = $"Leave {leaving.AccountName}" }).ClickAsync();
        var dialog = page.GetByTestId("leave-account");
        await Expect(dialog.GetByRole(AriaRole.Heading)).ToHaveTextAsync($"Leave {leaving.AccountName}?");
        await Expect(dialog).ToContainTextAsync("Support");
        await ScreenshotAsync(page, "profile-leave-account");
        await dialog.GetByRole(AriaRole.Link, new() { Name = "Cancel" }).ClickAsync();
        await Expect(page.GetByTestId($"account-{leaving.AccountId}")).ToBeVisibleAsync();
        await page.GetByTestId($"account-{leaving.AccountId}").GetByRole(AriaRole.Link, new() { Name = $"Leave {leaving.AccountName}" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = $"Leave {leaving.AccountName}" }).ClickAsync();

        await Expect(Portal.Notice(page)).ToHaveTextAsync($"You left {leaving.AccountName}. You are now working in {staying.AccountName}.");
        await Expect(Portal.ActiveAccount(page)).ToHaveTextAsync(staying.AccountName);
        await Expect(page.GetByTestId($"account-{leaving.AccountId}")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId($"account-{staying.AccountId}").GetByText("Current")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Accounts_LeavingAsTheLastAdministrator_IsRefusedOnThePageWithWhatToDo()
    {
        var team = await Team.CreateAsync(server);
        var page = await SignedInPageAsync(server, team.OwnerEmail, UsersOnServer.Password);

        await page.GotoAsync($"/profile/accounts/{team.AccountId}/leave");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Leave {team.AccountName}" }).ClickAsync();

        await Expect(Portal.Alert(page)).ToContainTextAsync("Give another active member the Account module first");
        await page.GotoAsync("/profile/accounts");
        await Expect(page.GetByTestId($"account-{team.AccountId}")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Sessions_EndingTheOtherBrowsersSession_SendsItToSignInOnItsNextStep()
    {
        var team = await Team.CreateAsync(server);
        var email = team.Email("traveller");
        await team.AddActiveMemberAsync("Tess Traveller", email);
        var laptop = await SignedInPageAsync(server, email, UsersOnServer.Password);
        var phone = await SignedInPageAsync(server, email, UsersOnServer.Password);
        await Portal.OpenProfileAsync(laptop);
        await Portal.OpenProfileSectionAsync(laptop, "Sessions");
        var active = laptop.GetByTestId("active-sessions").Locator("tbody tr");
        await Expect(active).ToHaveCountAsync(2);
        await Expect(laptop.GetByTestId("session-current")).ToHaveCountAsync(1);
        await Expect(active.First.GetByTestId("session-current")).ToHaveTextAsync("This session");
        await Expect(active.First.GetByRole(AriaRole.Button, new() { Name = "End" })).ToHaveCountAsync(0);
        await Expect(active.Nth(1).GetByTestId("session-device")).ToContainTextAsync("Chrome");
        await ScreenshotAsync(laptop, "profile-sessions");

        await active.Nth(1).GetByRole(AriaRole.Button, new() { Name = "End" }).ClickAsync();

        await Expect(Portal.Notice(laptop)).ToContainTextAsync("has ended");
        await Expect(active).ToHaveCountAsync(1);
        await Expect(laptop.GetByTestId("past-sessions").GetByTestId("session-status")).ToHaveTextAsync(["Terminated"]);
        await phone.GotoAsync("/settings/users");
        await Expect(phone).ToHaveURLAsync(Portal.SignInUrl());
        await Expect(Portal.Notice(phone)).ToHaveTextAsync("Your session has ended. Sign in again to continue.");
        await laptop.ReloadAsync();
        await Expect(active).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Sessions_SignOutAllOthers_EndsEveryOtherBrowser_AndTheHistoryShowsAFailedSignIn()
    {
        var team = await Team.CreateAsync(server);
        var email = team.Email("juggler");
        await team.AddActiveMemberAsync("Jo Juggler", email);
        var stranger = await OpenBrowserAsync(server);
        await Portal.SignInAsync(stranger, email, "a wrong password");
        await Expect(Portal.Alert(stranger)).ToBeVisibleAsync();
        var first = await SignedInPageAsync(server, email, UsersOnServer.Password);
        var second = await SignedInPageAsync(server, email, UsersOnServer.Password);
        var mine = await SignedInPageAsync(server, email, UsersOnServer.Password);
        await mine.GotoAsync("/profile/sessions");
        await Expect(mine.GetByTestId("active-sessions").Locator("tbody tr")).ToHaveCountAsync(3);
        mine.Dialog += async (_, dialog) => await dialog.AcceptAsync();

        await mine.GetByRole(AriaRole.Button, new() { Name = "Sign out all other sessions" }).ClickAsync();

        await Expect(Portal.Notice(mine)).ToHaveTextAsync("Signed out 2 other sessions.");
        await Expect(mine.GetByTestId("active-sessions").Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(mine.GetByRole(AriaRole.Button, new() { Name = "Sign out all other sessions" })).ToBeDisabledAsync();
        foreach (var other in new[] { first, second })
        {
            await other.ReloadAsync();
            await Expect(other).ToHaveURLAsync(Portal.SignInUrl());
        }
        var results = mine.GetByTestId("sign-ins").GetByTestId("sign-in-result");
        await Expect(results).ToHaveCountAsync(4);
        await Expect(results.Nth(3)).ToContainTextAsync("Failed");
        await Expect(results.Nth(3)).ToContainTextAsync("Wrong password");
        await Expect(results.Nth(0)).ToHaveTextAsync("Succeeded");
        await ScreenshotAsync(mine, "profile-sessions-signed-out-others");
    }
}
