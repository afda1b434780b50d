using System.Net;
using Microsoft.Playwright;
using Roster.Modules;
using Roster.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Roster.Web.Tests.Browser;

/// <summary>
/// Someone who edits their own groups so that they would lose modules is asked first, with the modules named; the
/// change is saved only once they confirm. Editing someone else, or losing nothing, saves at once.
/// </summary>
public sealed class OwnGroupsConfirmTests(ChromiumFixture chromium, RosterServer server) : BrowserTest(chromium), IClassFixture<RosterServer>
{
    private const string Losing = "Account, Users, Partners, Helpdesk, Reports, Integrations";

    /// <summary>A second administrator, Mo, who is also in a group granting only Audit, which he keeps.</summary>
    private static async Task<(OwnAccount Account, string MoId, string MoEmail, string AuditorsId)> ArrangeAsync(RosterServer server)
    {
        var account = await OwnAccount.CreateAsync(server);
        var auditors = await account.GroupAsync(ModuleCatalog.Audit);
        var (moId, moEmail) = await account.JoinAsync(account.AdministratorsId, auditors);
        return (account, moId, moEmail, auditors);
    }

    private async Task<IPage> EditDialogAsync(string email, string memberId)
    {
        var page = await SignedInPageAsync(server, email, UsersOnServer.Password);
        await UsersPage.OpenAsync(page);
        await page.GotoAsync($"/settings/users/{memberId}/edit");
        await Expect(UsersPage.Dialog(page).GetByRole(AriaRole.Heading)).ToHaveTextAsync("Edit user");
        return page;
    }

    private static async Task<List<string>> GroupsOfAsync(OwnAccount account, string userId)
    {
        var user = await (await account.Owner.Client.GetAsync(account.Path($"/users/{userId}"))).ExpectAsync(HttpStatusCode.OK);
        return [.. user["groups"]!.AsArray().Select(g => g!["id"]!.GetValue<string>()).Order()];
    }

    [Fact]
    public async Task EditOwnGroups_LosingModules_AsksNamingThem_AndSavesOnlyOnceConfirmed()
    {
        var (account, moId, moEmail, auditors) = await ArrangeAsync(server);
        var page = await EditDialogAsync(moEmail, moId);
        var dialog = UsersPage.Dialog(page);

        await dialog.GetByLabel("Administrators").UncheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        var confirm = page.GetByRole(AriaRole.Alertdialog);
        await Expect(confirm.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Remove your own access?");
        await Expect(confirm.GetByTestId("modules-lost")).ToHaveTextAsync(Losing);
        (await GroupsOfAsync(account, moId)).ShouldBe(new[] { account.AdministratorsId, auditors }.Order());
        await ShouldPassAxeAsync(page);
        await ScreenshotAsync(page, "users-edit-own-confirm");

        await confirm.GetByRole(AriaRole.Button, new() { Name = "Back" }).ClickAsync();
        await Expect(dialog.GetByLabel("Administrators")).Not.ToBeCheckedAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Save and lose access" }).ClickAsync();

        await Expect(Portal.Notice(page)).ToHaveTextAsync("Mo Member is saved.");
        (await GroupsOfAsync(account, moId)).ShouldBe([auditors]);
    }

    [Fact]
    public async Task EditOwnGroups_LosingNothing_SavesWithoutAsking()
    {
        var (account, moId, moEmail, auditors) = await ArrangeAsync(server);
        var empty = await account.GroupAsync();
        var page = await EditDialogAsync(moEmail, moId);

        await UsersPage.Dialog(page).Locator($"input[value='{empty}']").CheckAsync();
        await UsersPage.Dialog(page).GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(Portal.Notice(page)).ToHaveTextAsync("Mo Member is saved.");
        (await GroupsOfAsync(account, moId)).ShouldBe(new[] { account.AdministratorsId, auditors, empty }.Order());
    }

    [Fact]
    public async Task EditSomeoneElsesGroups_TakingTheirModules_SavesWithoutAsking()
    {
        var (account, moId, _, auditors) = await ArrangeAsync(server);
        var page = await EditDialogAsync(account.Owner.Email, moId);

        await UsersPage.Dialog(page).GetByLabel("Administrators").UncheckAsync();
        await UsersPage.Dialog(page).GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(Portal.Notice(page)).ToHaveTextAsync("Mo Member is saved.");
        (await GroupsOfAsync(account, moId)).ShouldBe([auditors]);
    }

    [Fact]
    public async Task EditOwnGroups_PostedWithoutConfirming_AnswersTheQuestion_AndChangesNothing()
    {
        var (account, moId, moEmail, auditors) = await ArrangeAsync(server);
        using var mo = await server.SignedInClientAsync(moEmail, UsersOnServer.Password);
        var path = $"/settings/users/{moId}/edit";

        var asked = await PortalForms.PostAsync(mo, path, ("GroupIds", auditors));

        asked.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await asked.Content.ReadAsStringAsync());
        html.ShouldContain("Remove your own access?");
        html.ShouldContain(Losing);
        (await GroupsOfAsync(account, moId)).ShouldBe(new[] { account.AdministratorsId, auditors }.Order());

        var confirmed = await PortalForms.PostAsync(mo, path, ("GroupIds", auditors), ("ConfirmLoss", "true"));

        confirmed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await GroupsOfAsync(account, moId)).ShouldBe([auditors]);
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
