using Microsoft.Playwright;
using Roster.Web.Tests.Api;
using Roster.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Roster.Web.Tests.Browser;

/// <summary>
/// Tried as a new user would: a vendor's administrator picks its contacts in the dialog and invites a distributor;
/// the distributor accepts and sees both contacts with their emails; after termination it sees nothing.
/// </summary>
public sealed class PartnersBrowserTests(ChromiumFixture chromium, RosterServer server) : BrowserTest(chromium), IClassFixture<RosterServer>
{
    [Fact]
    public async Task Distributor_WhoAcceptedTheVendorsPartnership_SeesItsContacts_UntilTerminated()
    {
        var vendor = await server.NewAccountAsync("vendor", "Front Street Vendor");
        var bob = await server.AddMemberAsync(vendor, vendor.AdministratorsId, "Bob Fixit");
        var distributor = await server.NewAccountAsync("distributor", "Balboa Distribution");
        var vendorPage = await SignedInPageAsync(server, vendor.AdminEmail, UsersOnServer.Password);
        vendorPage.Dialog += async (_, dialog) => await dialog.AcceptAsync();

        await PickAsync(vendorPage, "technical", "Bob Fixit");
        await PickAsync(vendorPage, "business", "Front Street Vendor Admin");

        await vendorPage.GotoAsync("/settings/partners");
        await vendorPage.GetByLabel("Account ID").FillAsync(distributor.Id);
        await vendorPage.GetByRole(AriaRole.Button, new() { Name = "Invite" }).ClickAsync();
        await Expect(Portal.Notice(vendorPage)).ToContainTextAsync("Balboa Distribution is invited");
        await Expect(vendorPage.GetByTestId($"partner-{distributor.Id}").GetByTestId("partner-status")).ToHaveTextAsync("Invited");

        var distributorPage = await SignedInPageAsync(server, distributor.AdminEmail, UsersOnServer.Password);
        distributorPage.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await distributorPage.GotoAsync("/settings/partners");
        var row = distributorPage.GetByTestId($"partner-{vendor.Id}");
        await Expect(row.GetByTestId("partner-status")).ToHaveTextAsync("Invited");
        await Expect(row.GetByTestId("partner-contacts")).Not.ToContainTextAsync(bob.Email);
        await row.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();

        await Expect(row.GetByTestId("partner-status")).ToHaveTextAsync("Active");
        var contacts = row.GetByTestId("partner-contacts");
        await Expect(contacts).ToContainTextAsync("Bob Fixit");
        await Expect(contacts).ToContainTextAsync(bob.Email);
        await Expect(contacts).ToContainTextAsync("Technical");
        await Expect(contacts).ToContainTextAsync(vendor.AdminEmail);
        await Expect(contacts).ToContainTextAsync("Business");
        await ScreenshotAsync(distributorPage, "partners-active");

        await vendorPage.ReloadAsync();
        await vendorPage.GetByTestId($"partner-{distributor.Id}").GetByRole(AriaRole.Button, new() { Name = "Terminate" }).ClickAsync();
        await Expect(Portal.Notice(vendorPage)).ToContainTextAsync("has ended");

        await distributorPage.ReloadAsync();
        await Expect(distributorPage.GetByTestId($"partner-{vendor.Id}")).ToHaveCountAsync(0);
        await Expect(distributorPage.GetByText(bob.Email)).ToHaveCountAsync(0);
        await Expect(distributorPage.GetByText("No partners yet.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Invite_AnUnknownAccount_ShowsTheErrorAtTheField()
    {
        var vendor = await server.NewAccountAsync("vendor", "Typo Vendor");
        var page = await SignedInPageAsync(server, vendor.AdminEmail, UsersOnServer.Password);
        await page.GotoAsync("/settings/partners");

        await page.GetByLabel("Account ID").FillAsync("PA-000-000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Invite" }).ClickAsync();

        await Expect(page.Locator("#partner-id-error")).ToHaveTextAsync("There is no account with this id.");
        await Expect(page.GetByText("No partners yet.")).ToBeVisibleAsync();
    }

    /// <summary>Ticks exactly one member, found by searching, in the Manage users dialog of a contact kind, and saves.</summary>
    private static async Task PickAsync(IPage page, string kind, string name)
    {
        await page.GotoAsync("/settings/contacts");
        await page.GetByTestId($"{kind}-contacts").GetByRole(AriaRole.Link, new() { Name = "+ Manage users" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Search for user").FillAsync(name);
        await dialog.GetByRole(AriaRole.Checkbox, new() { Name = $"Select {name}", Exact = true }).CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(Portal.Notice(page)).ToContainTextAsync("contacts saved.");
    }
}
