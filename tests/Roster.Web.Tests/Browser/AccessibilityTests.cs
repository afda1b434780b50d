using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Roster.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Roster.Web.Tests.Browser;

/// <summary>
/// axe-core on every portal page, dialog and open menu, at a desktop width and on a 390 px phone: no violation of
/// impact serious or critical anywhere. One browser visits them in sequence and the test names every violation at once.
/// </summary>
[Collection(BrowserCollection.Second)]
public sealed partial class AccessibilityTests(ChromiumFixture chromium, MailingServer server) : BrowserTest(chromium), IClassFixture<MailingServer>
{
    private readonly List<string> _violations = [];

    /// <summary>Runs axe on the page as it is now at 1280 px and at 390 px, noting what it finds under <paramref name="name"/>.</summary>
    private async Task CheckAsync(IPage page, string name)
    {
        foreach (var (width, height) in new[] { (1280, 800), (390, 844) })
        {
            await page.SetViewportSizeAsync(width, height);
            foreach (var violation in await Accessibility.SeriousViolationsAsync(page))
                _violations.Add($"{name} at {width} px: {violation}");
        }
        await page.SetViewportSizeAsync(1280, 800);
    }

    private async Task VisitAsync(IPage page, string address)
    {
        var response = await page.GotoAsync(address);
        response.ShouldNotBeNull();
        await CheckAsync(page, address);
    }

    [Fact]
    public async Task EveryPortalPage_AtBothWidths_HasNoSeriousAccessibilityViolation()
    {
        var team = await Team.CreateAsync(server);
        var bill = await team.AddActiveMemberAsync("Bill Payer", team.Email("bill"));
        await team.InviteAsync("Ivy Invited", team.Email("ivy"));
        var page = await OpenBrowserAsync(server);

        await VisitAsync(page, "/sign-in");
        await page.GetByLabel("Email").FillAsync(team.OwnerEmail);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(page.GetByLabel("Password")).ToBeVisibleAsync();
        await CheckAsync(page, "/sign-in (password step)");
        await VisitAsync(page, "/forgot-password");
        await page.GetByLabel("Email").FillAsync(team.OwnerEmail);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send reset link" }).ClickAsync();
        var link = ResetLink().Match((await server.MailToAsync(team.OwnerEmail)).Body).Value;
        link.ShouldNotBeEmpty();
        await VisitAsync(page, link);

        var earlier = await OpenBrowserAsync(server);
        await Portal.SignInAsync(earlier, team.OwnerEmail, UsersOnServer.Password);
        await Expect(Portal.ActiveAccount(earlier)).ToHaveTextAsync(team.AccountName);
        await Portal.SignOutAsync(earlier);
        await Portal.SignInAsync(page, team.OwnerEmail, UsersOnServer.Password);
        await Expect(Portal.ActiveAccount(page)).ToHaveTextAsync(team.AccountName);
        string[] addresses =
        [
            "/settings/general", "/settings/users", "/settings/users/directory", "/settings/users/policies",
            "/settings/groups", "/settings/groups/add", $"/settings/groups/{team.SupportId}", $"/settings/groups/{team.SupportId}/delete",
            "/settings/contacts", "/settings/contacts?manage=technical", "/settings/partners", "/settings/sso", "/settings/integrations",
            "/settings/audit", $"/settings/users/{bill}/edit", $"/settings/users/{bill}/delete", "/settings/groups/no-such-group",
            "/profile", "/profile/accounts", "/profile/security", "/profile/security/delete", "/profile/mfa", "/profile/sessions",
        ];
        foreach (var address in addresses) await VisitAsync(page, address);
        await ScreenshotAsync(page, "profile-sessions");

        await page.GotoAsync("/settings/users");
        await page.SetViewportSizeAsync(390, 844);
        await Portal.SidebarMenu(page).ClickAsync();
        await CheckAsync(page, "/settings/users (sidebar menu open)");
        await Portal.AccountMenu(page).ClickAsync();
        await CheckAsync(page, "/settings/users (account menu open)");
        var ivy = UsersPage.Row(page, team.Email("ivy"));
        var invitation = await UsersPage.InvitationLinkAsync(ivy);
        await ivy.Locator("summary[aria-label^='More actions']").ClickAsync();
        await Expect(ivy.Locator(".menu-list")).ToBeVisibleAsync();
        await CheckAsync(page, "/settings/users (row menu open)");

        await VisitAsync(page, "/settings/users/add");
        await UsersPage.Dialog(page).GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await Expect(UsersPage.Dialog(page).Locator("[aria-invalid=true]").First).ToBeVisibleAsync();
        await CheckAsync(page, "/settings/users/add (step 1 with errors)");
        await UsersPage.Dialog(page).GetByLabel("Name").FillAsync("Nina New");
        await UsersPage.Dialog(page).GetByLabel("Email").FillAsync(team.Email("nina"));
        await UsersPage.Next(page, 2);
        await CheckAsync(page, "/settings/users/add (step 2)");
        await UsersPage.Dialog(page).GetByLabel("Support", new() { Exact = true }).CheckAsync();
        await UsersPage.Next(page, 3);
        await CheckAsync(page, "/settings/users/add (step 3)");

        var invitee = await OpenBrowserAsync(server);
        await VisitAsync(invitee, invitation);

        _violations.ShouldBeEmpty(string.Join(Environment.NewLine, _violations));
    }

    /// <summary>Presses Tab (or Shift+Tab) until <paramref name="target"/> has the focus; fails if it never gets it.</summary>
    private static async Task TabToAsync(IPage page, ILocator target, bool backwards = false)
    {
        for (var presses = 0; presses < 60 && !await target.EvaluateAsync<bool>("e => e === document.activeElement"); presses++)
            await page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
        await Expect(target).ToBeFocusedAsync();
    }

    /// <summary>Fails unless the focused element draws a focus indicator: an outline or a box shadow.</summary>
    private static async Task FocusIsVisibleAsync(IPage page, string step)
    {
        var indicator = await page.EvaluateAsync<string>("""
            () => {
                const e = document.activeElement, style = e && getComputedStyle(e);
                if (!e || e === document.body) return 'nothing has the focus';
                const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
                return outline || style.boxShadow !== 'none' ? '' : 'no focus indicator on ' + e.outerHTML.slice(0, 120);
            }
            """);
        indicator.ShouldBeEmpty(step);
    }

    [Fact]
    public async Task AddUserRowMenuAndManageUsers_ByKeyboardAlone_WorkWithVisibleFocus()
    {
        var team = await Team.CreateAsync(server);
        await team.InviteAsync("Ivy Invited", team.Email("ivy"));
        var page = await OpenBrowserAsync(server);
        await Portal.SignInByRequestAsync(page, team.OwnerEmail, UsersOnServer.Password);
        await Expect(Portal.ActiveAccount(page)).ToHaveTextAsync(team.AccountName);
        await page.GotoAsync("/settings/users");

        var addUser = page.GetByRole(AriaRole.Link, new() { Name = "+ Add user" });
        await TabToAsync(page, addUser);
        await FocusIsVisibleAsync(page, "Add user");
        await page.Keyboard.PressAsync("Enter");
        var dialog = UsersPage.Dialog(page);
        await Expect(dialog.GetByLabel("Name")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(addUser).ToBeFocusedAsync();
        await FocusIsVisibleAsync(page, "Add user, after Escape closed the wizard");
        await page.Keyboard.PressAsync("Enter");
        await Expect(dialog.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Add user – Step 1");
        await Expect(dialog.GetByLabel("Name")).ToBeFocusedAsync();
        await FocusIsVisibleAsync(page, "the wizard's Name");
        await page.Keyboard.TypeAsync("Kim Keys");
        await page.Keyboard.PressAsync("Tab");
        await Expect(dialog.GetByLabel("Email")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(team.Email("kim"));
        await TabToAsync(page, dialog.GetByRole(AriaRole.Button, new() { Name = "Next" }));
        await FocusIsVisibleAsync(page, "the wizard's Next");
        await page.Keyboard.PressAsync("Enter");
        await Expect(dialog.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Add user – Step 2");
        var support = dialog.GetByLabel("Support", new() { Exact = true });
        await TabToAsync(page, support);
        await FocusIsVisibleAsync(page, "the Support group");
        await page.Keyboard.PressAsync("Space");
        await Expect(support).ToBeCheckedAsync();
        await TabToAsync(page, dialog.GetByRole(AriaRole.Button, new() { Name = "Next" }));
        await page.Keyboard.PressAsync("Enter");
        await Expect(dialog.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Add user – Step 3");
        await Expect(dialog.GetByTestId("summary")).ToContainTextAsync("Support");
        var create = dialog.GetByRole(AriaRole.Button, new() { Name = "Create" });
        await TabToAsync(page, create);
        await FocusIsVisibleAsync(page, "the wizard's Create");
        await page.Keyboard.PressAsync("Enter");
        await Expect(Portal.Notice(page)).ToContainTextAsync("Kim Keys");
        await Expect(UsersPage.Status(UsersPage.Row(page, team.Email("kim")))).ToHaveTextAsync("Invited");

        var ivy = UsersPage.Row(page, team.Email("ivy"));
        var more = ivy.Locator("summary[aria-label^='More actions']");
        await TabToAsync(page, more);
        await FocusIsVisibleAsync(page, "a row's More actions");
        await page.Keyboard.PressAsync("Enter");
        await Expect(ivy.Locator(".menu-list")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(ivy.Locator(".menu-list")).ToBeHiddenAsync();
        await Expect(more).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("ArrowDown");
        var resend = ivy.GetByRole(AriaRole.Button, new() { Name = "Resend invitation" });
        for (var presses = 0; presses < 5 && !await resend.EvaluateAsync<bool>("e => e === document.activeElement"); presses++)
            await page.Keyboard.PressAsync("ArrowDown");
        await Expect(resend).ToBeFocusedAsync();
        await FocusIsVisibleAsync(page, "the row menu's Resend invitation");
        await ScreenshotAsync(page, "users-row-menu-keyboard");
        await page.Keyboard.PressAsync("Enter");
        await Expect(Portal.Notice(page)).ToContainTextAsync(team.Email("ivy"));

        var kim = UsersPage.Row(page, team.Email("kim"));
        var kimsActions = kim.Locator("summary[aria-label^='More actions']");
        await TabToAsync(page, kimsActions);
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("ArrowUp");
        await Expect(kim.GetByRole(AriaRole.Link, new() { Name = "Delete" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        var question = page.GetByRole(AriaRole.Alertdialog);
        await Expect(question.GetByRole(AriaRole.Link, new() { Name = "Cancel" })).ToBeFocusedAsync();
        await FocusIsVisibleAsync(page, "the delete dialog's Cancel");
        await page.Keyboard.PressAsync("Escape");
        await Expect(question).ToHaveCountAsync(0);
        await Expect(kimsActions).ToBeFocusedAsync();
        await FocusIsVisibleAsync(page, "Kim's More actions, after Escape closed the delete dialog");
        var edit = kim.GetByRole(AriaRole.Link, new() { Name = "Edit Kim Keys" });
        await TabToAsync(page, edit, backwards: true);
        await page.Keyboard.PressAsync("Enter");
        await Expect(UsersPage.Dialog(page).GetByLabel("Name")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(edit).ToBeFocusedAsync();
        await FocusIsVisibleAsync(page, "Kim's Edit, after Escape closed the edit dialog");

        await page.GotoAsync("/settings/contacts");
        await TabToAsync(page, page.GetByTestId("technical-contacts").GetByRole(AriaRole.Link, new() { Name = "+ Manage users" }));
        await FocusIsVisibleAsync(page, "Manage users");
        await page.Keyboard.PressAsync("Enter");
        var manage = page.GetByRole(AriaRole.Dialog, new() { Name = "Manage technical contacts" });
        await Expect(manage.GetByLabel("Search for user")).ToBeFocusedAsync();
        await FocusIsVisibleAsync(page, "the dialog's search");
        await page.Keyboard.TypeAsync("Olive");
        var olive = manage.GetByRole(AriaRole.Checkbox, new() { Name = $"Select {Team.OwnerName}" });
        await TabToAsync(page, olive);
        await FocusIsVisibleAsync(page, "the dialog's checkbox");
        await page.Keyboard.PressAsync("Space");
        await Expect(olive).ToBeCheckedAsync();
        await TabToAsync(page, manage.GetByRole(AriaRole.Button, new() { Name = "Save" }));
        await FocusIsVisibleAsync(page, "the dialog's Save");
        await page.Keyboard.PressAsync("Enter");
        await Expect(Portal.Notice(page)).ToHaveTextAsync("Technical contacts saved.");
        await Expect(page.GetByTestId("technical-contacts").GetByTestId($"contact-{team.OwnerId}")).ToBeVisibleAsync();

        await page.GotoAsync($"/settings/groups/{team.SupportId}");
        var add = page.GetByLabel("Add a user of this account");
        await TabToAsync(page, add);
        await FocusIsVisibleAsync(page, "the group's member picker");
        await page.Keyboard.PressAsync("End");
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Add member" }));
        await FocusIsVisibleAsync(page, "Add member");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("member-count")).ToHaveTextAsync("(3)");
    }

    [Fact]
    public async Task LastRowMenu_OnAPhone_OpensFullyVisible_AndItsItemsAreClickable()
    {
        var team = await Team.CreateAsync(server);
        for (var i = 1; i <= 4; i++) await team.InviteAsync($"Zed Invited {i}", team.Email($"zed{i}"));
        var page = await OpenBrowserAsync(server);
        await page.SetViewportSizeAsync(390, 844);
        await Portal.SignInByRequestAsync(page, team.OwnerEmail, UsersOnServer.Password);
        await page.GotoAsync("/settings/users?sort=name");
        var last = UsersPage.Rows(page).Last;
        await Expect(last).ToContainTextAsync("Zed Invited 4");
        var more = last.Locator("summary[aria-label^='More actions']");
        await more.EvaluateAsync("e => e.scrollIntoView({ block: 'center', inline: 'nearest' })");
        await page.EvaluateAsync("() => { for (const s of document.querySelectorAll('table, .table-scroll')) s.scrollLeft = 0; }");
        var reach = await more.EvaluateAsync<string>("""
            e => { const r = e.getBoundingClientRect(), at = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
                   return r.left >= 0 && r.right <= innerWidth && (at === e || e.contains(at)) ? '' : `More actions at ${r.left}..${r.right} of ${innerWidth}`; }
            """);
        reach.ShouldBeEmpty("the actions column shows without scrolling the table sideways");

        await more.ClickAsync();
        await ScreenshotAsync(page, "users-row-menu-phone");
        var items = last.Locator(".menu-list .menu-item");
        (await items.CountAsync()).ShouldBeGreaterThan(1);
        var hidden = await last.Locator(".menu-list").EvaluateAsync<string[]>("""
            panel => [...panel.querySelectorAll('.menu-item')].flatMap(item => {
                const r = item.getBoundingClientRect(), at = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
                const inside = r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
                return inside && at && item.contains(at) ? [] : [item.textContent.trim()];
            })
            """);
        hidden.ShouldBeEmpty("every item of the last row's menu is inside the screen and nothing covers it");
        await items.Filter(new() { HasText = "Delete" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alertdialog)).ToContainTextAsync("Zed Invited 4");
    }

    [GeneratedRegex(@"https?://\S+/reset-password\?token=[A-Za-z0-9_\-]+")]
    private static partial Regex ResetLink();
}
