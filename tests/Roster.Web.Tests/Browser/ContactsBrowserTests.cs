using System.Net;
using Microsoft.Playwright;
using Roster.Web.Tests.Api;
using Roster.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Roster.Web.Tests.Browser;

/// <summary>The Contacts page and its Manage users dialog: search, tick, save and cancel, as an administrator does.</summary>
public sealed class ContactsBrowserTests(ChromiumFixture chromium, RosterServer server) : BrowserTest(chromium), IClassFixture<RosterServer>
{
    [Fact]
    public async Task ManageUsers_OnAPhone_KeepsEverySelectBoxOnScreen()
    {
        var account = await server.NewAccountAsync("vendor", "Phone Dialog Vendor");
        await server.AddMemberAsync(account, account.AdministratorsId, "Bob Fixit");
        var page = await SignedInPageAsync(server, account.AdminEmail, UsersOnServer.Password);
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/settings/contacts");

        await Section(page, "technical").GetByRole(AriaRole.Link, new() { Name = "+ Manage users" }).ClickAsync();

        var boxes = page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Checkbox);
        await Expect(boxes).ToHaveCountAsync(2);
        foreach (var box in await boxes.AllAsync())
        {
            var place = (await box.BoundingBoxAsync())!;
            (place.X + place.Width).ShouldBeLessThanOrEqualTo(390);
        }
    }

    [Fact]
    public async Task ManageUsers_SearchCheckAndSave_ShowsTheChosenMemberAsTechnicalContact()
    {
        var account = await server.NewAccountAsync("vendor", "Dialog Vendor");
        var bob = await server.AddMemberAsync(account, account.AdministratorsId, "Bob Fixit");
        await server.AddMemberAsync(account, account.AdministratorsId, "Carol Sales");
        var page = await SignedInPageAsync(server, account.AdminEmail, UsersOnServer.Password);
        await page.GotoAsync("/settings/contacts");

        await Section(page, "technical").GetByRole(AriaRole.Link, new() { Name = "+ Manage users" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Manage technical contacts" });
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.GetByRole(AriaRole.Checkbox)).ToHaveCountAsync(3);
        await dialog.GetByLabel("Search for user").FillAsync("bob");
        await Expect(dialog.GetByRole(AriaRole.Checkbox)).ToHaveCountAsync(1);
        await dialog.GetByRole(AriaRole.Checkbox, new() { Name = "Select Bob Fixit" }).CheckAsync();
        await ScreenshotAsync(page, "contacts-manage-dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(Portal.Notice(page)).ToHaveTextAsync("Technical contacts saved.");
        await Expect(dialog).ToHaveCountAsync(0);
        var row = Section(page, "technical").GetByTestId($"contact-{bob.Id}");
        await Expect(row).ToContainTextAsync("Bob Fixit");
        await Expect(row).ToContainTextAsync(bob.Id);
        await Expect(row).ToContainTextAsync(bob.Email);
        await Expect(Section(page, "business")).ToContainTextAsync("No business contacts yet.");
        var contacts = await (await account.Admin.GetAsync(PartnerSteps.ContactsPath(account.Id))).ExpectAsync(HttpStatusCode.OK);
        contacts.AsArray().Select(c => c!["id"]!.GetValue<string>()).ShouldBe([bob.Id]);
    }

    [Fact]
    public async Task ManageUsers_UntickAndSave_RemovesTheContact_AndKeepsTheOtherKind()
    {
        var account = await server.NewAccountAsync("vendor", "Untick Vendor");
        await account.SetContactsAsync([account.AdminId], [account.AdminId]);
        var page = await SignedInPageAsync(server, account.AdminEmail, UsersOnServer.Password);
        await page.GotoAsync("/settings/contacts?manage=business");

        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Manage business contacts" });
        await Expect(dialog.GetByRole(AriaRole.Checkbox)).ToBeCheckedAsync();
        await dialog.GetByRole(AriaRole.Checkbox).UncheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(Section(page, "business")).ToContainTextAsync("No business contacts yet.");
        await Expect(Section(page, "technical").GetByTestId($"contact-{account.AdminId}")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ManageUsers_Cancel_ClosesTheDialog_AndChangesNothing()
    {
        var account = await server.NewAccountAsync("vendor", "Cancel Vendor");
        var page = await SignedInPageAsync(server, account.AdminEmail, UsersOnServer.Password);
        await page.GotoAsync("/settings/contacts");

        await Section(page, "business").GetByRole(AriaRole.Link, new() { Name = "+ Manage users" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Manage business contacts" });
        await dialog.GetByRole(AriaRole.Checkbox).CheckAsync();
        await dialog.GetByRole(AriaRole.Link, new() { Name = "Cancel" }).ClickAsync();

        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(Section(page, "business")).ToContainTextAsync("No business contacts yet.");
        var contacts = await (await account.Admin.GetAsync(PartnerSteps.ContactsPath(account.Id))).ExpectAsync(HttpStatusCode.OK);
        contacts.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task ContactsPage_ForAMemberWithoutTheAccountModule_ShowsContactsWithoutManageButtons()
    {
        var account = await server.NewAccountAsync("vendor", "Readonly Vendor");
        await account.SetContactsAsync([account.AdminId], []);
        var viewer = await server.AddMemberAsync(account, await account.ViewersGroupAsync(), "Vera Viewer");
        var page = await SignedInPageAsync(server, viewer.Email, UsersOnServer.Password);
        await page.GotoAsync("/settings/contacts?manage=technical");

        await Expect(Section(page, "technical").GetByTestId($"contact-{account.AdminId}")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "+ Manage users" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
    }

    private static ILocator Section(IPage page, string kind) => page.GetByTestId($"{kind}-contacts");
}
