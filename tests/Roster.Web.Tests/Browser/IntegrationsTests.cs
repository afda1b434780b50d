using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Roster.Accounts;
using Roster.Common;
using Roster.Data;
using Roster.Groups;
using Group = Roster.Groups.Group;
using Roster.Modules;
using Roster.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Roster.Web.Tests.Browser;

[Collection(BrowserCollection.Second)]
public sealed partial class IntegrationsTests(ChromiumFixture chromium, RosterServer server) : BrowserTest(chromium), IClassFixture<RosterServer>
{
    [Fact]
    public async Task CreateGrantActivate_ShownValueCallsApi_UntilDeactivated()
    {
        var page = await SignedInPageAsync(server);
        await Portal.Sidebar(page).GetByRole(AriaRole.Link, new() { Name = "Integrations" }).ClickAsync();

        await page.GetByLabel("Name").FillAsync("Billing sync");
        await page.GetByLabel("Description").FillAsync("Nightly export to the ledger");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        await Expect(page.GetByText("Copy it now: it will not be shown again.")).ToBeVisibleAsync();
        var headerValue = await ShownValueAsync(page);
        var row = Row(page, TokenId(headerValue));
        await Expect(row.GetByTestId("token-status")).ToHaveTextAsync("Pending");
        await ScreenshotAsync(page, "integrations-created");

        using var api = server.WithApiKey(headerValue);
        (await api.GetAsync("/public/v1/accounts")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        await row.GetByText("Edit").ClickAsync();
        await row.GetByLabel("MD-0001").CheckAsync();
        await ScreenshotAsync(page, "integrations-modules");
        await row.GetByRole(AriaRole.Button, new() { Name = "Save modules" }).ClickAsync();
        await Expect(Portal.Notice(page)).ToHaveTextAsync("“Billing sync” now has Account.");
        await Expect(row.GetByTestId("token-modules")).ToHaveTextAsync("Account");
        await Expect(page.GetByTestId("issued-token")).ToHaveCountAsync(0);

        await row.GetByRole(AriaRole.Button, new() { Name = "Activate", Exact = true }).ClickAsync();
        await Expect(row.GetByTestId("token-status")).ToHaveTextAsync("Active");
        await ScreenshotAsync(page, "integrations-active");

        var accounts = await api.GetAsync("/public/v1/accounts");
        accounts.StatusCode.ShouldBe(HttpStatusCode.OK);
        accounts.ContentRange().ShouldStartWith("items 0-0/1");

        await row.GetByRole(AriaRole.Button, new() { Name = "Deactivate", Exact = true }).ClickAsync();
        await Expect(row.GetByTestId("token-status")).ToHaveTextAsync("Inactive");
        (await api.GetAsync("/public/v1/accounts")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task CreateToken_WithoutName_ShowsFieldErrorAndCreatesNothing()
    {
        var page = await SignedInPageAsync(server);
        await page.GotoAsync("/settings/integrations");
        var rows = page.Locator("table.tokens tbody tr");
        var before = await rows.CountAsync();

        await page.GetByLabel("Description").FillAsync("no name given");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();

        await Expect(page.Locator("#token-name-error")).ToHaveTextAsync("The token name is required.");
        await Expect(page.GetByLabel("Name")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel("Description")).ToHaveValueAsync("no name given");
        await Expect(page.GetByTestId("issued-token")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "integrations-field-error");
        await page.GotoAsync("/settings/integrations");
        await Expect(rows).ToHaveCountAsync(before);
    }

    [Fact]
    public async Task SaveModules_WithAForgedModule_ShowsErrorAndChangesNothing()
    {
        using var admin = await server.SignedInClientAsync();
        var id = TokenId(await admin.CreateActiveTokenAsync(ModuleCatalog.Account));
        var page = await SignedInPageAsync(server);
        await page.GotoAsync("/settings/integrations");
        var row = Row(page, id);

        await row.GetByText("Edit").ClickAsync();
        await row.GetByLabel("MD-0001").UncheckAsync();
        var users = row.GetByLabel("MD-0002");
        await users.EvaluateAsync("box => box.value = 'MD-9999'");
        await users.CheckAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Save modules" }).ClickAsync();

        await Expect(Portal.Alert(page)).ToContainTextAsync("test token: Unknown module 'MD-9999'");
        await Expect(Row(page, id).GetByTestId("token-modules")).ToHaveTextAsync("Account");
        var permissions = await (await admin.GetAsync($"/public/v1/auth/tokens/{id}/permissions")).ExpectAsync(HttpStatusCode.OK);
        permissions.AsArray().Select(p => p!["id"]!.GetValue<string>()).ShouldBe([ModuleCatalog.Account]);
    }

    [Fact]
    public async Task RotateToken_ShowsNewValueOnce_CopyTakesIt_AndOldValueStopsWorking()
    {
        using var admin = await server.SignedInClientAsync();
        var oldValue = await admin.CreateActiveTokenAsync(ModuleCatalog.Account);
        var page = await SignedInPageAsync(server);
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await page.GotoAsync("/settings/integrations");
        string? asked = null;
        page.Dialog += async (_, dialog) =>
        {
            asked = dialog.Message;
            await dialog.AcceptAsync();
        };

        await Row(page, TokenId(oldValue)).GetByRole(AriaRole.Button, new() { Name = "Rotate" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New secret for “test token”" })).ToBeVisibleAsync();
        asked.ShouldBe("Rotate “test token”? Its current secret stops working at once.");
        var newValue = await ShownValueAsync(page);
        newValue.ShouldNotBe(oldValue);
        TokenId(newValue).ShouldBe(TokenId(oldValue));
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Copied" })).ToBeVisibleAsync();
        (await page.EvaluateAsync<string>("() => navigator.clipboard.readText()")).ShouldBe(newValue);
        await ScreenshotAsync(page, "integrations-rotated");

        using var oldKey = server.WithApiKey(oldValue);
        (await oldKey.GetAsync("/public/v1/accounts")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var newKey = server.WithApiKey(newValue);
        (await newKey.GetAsync("/public/v1/accounts")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await page.ReloadAsync();
        await Expect(page.GetByTestId("issued-token")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task DeleteToken_AsksFirst_AndOnlyAConfirmedDeleteRemovesIt()
    {
        using var admin = await server.SignedInClientAsync();
        var value = await admin.CreateActiveTokenAsync(ModuleCatalog.Account);
        var id = TokenId(value);
        var page = await SignedInPageAsync(server);
        await page.GotoAsync("/settings/integrations");
        var confirm = false;
        page.Dialog += async (_, dialog) =>
        {
            if (confirm) await dialog.AcceptAsync();
            else await dialog.DismissAsync();
        };

        await Row(page, id).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(Row(page, id)).ToBeVisibleAsync();
        (await admin.GetAsync($"/public/v1/auth/tokens/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        confirm = true;
        await Row(page, id).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(Portal.Notice(page)).ToHaveTextAsync("“test token” is deleted: its calls are refused from now on.");
        await Expect(Row(page, id)).ToHaveCountAsync(0);
        (await admin.GetAsync($"/public/v1/auth/tokens/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var api = server.WithApiKey(value);
        (await api.GetAsync("/public/v1/accounts")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task MemberWithoutIntegrationsModule_NeitherSeesNorOpensThePage()
    {
        var email = await MemberWithOnlyAccountModuleAsync();
        var page = await SignedInPageAsync(server, email, UsersOnServer.Password);
        await Expect(Portal.ActiveAccount(page)).ToHaveTextAsync(RosterServer.AccountName);
        await Expect(Portal.Sidebar(page).GetByRole(AriaRole.Link, new() { Name = "General" })).ToBeVisibleAsync();
        await Expect(Portal.Sidebar(page).GetByRole(AriaRole.Link, new() { Name = "Integrations" })).ToHaveCountAsync(0);

        var response = await page.GotoAsync("/settings/integrations");

        response!.Status.ShouldBe(404);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Create token" })).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "integrations-not-found");
    }

    [Fact]
    public async Task SaveModules_TickingAModuleTheViewerDoesNotHold_SaysWhichAndChangesNothing()
    {
        var account = await OwnAccount.CreateAsync(server);
        var member = await account.MemberAsync(await account.GroupAsync(ModuleCatalog.Integrations));
        var (id, _) = await OwnAccount.TokenAsync(member.Client);
        var page = await SignedInPageAsync(server, member.Email, UsersOnServer.Password);
        await page.GotoAsync("/settings/integrations");
        var row = Row(page, id);

        await row.GetByText("Edit").ClickAsync();
        await row.GetByLabel("MD-0007").CheckAsync();
        await row.GetByLabel("MD-0001").CheckAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Save modules" }).ClickAsync();

        await Expect(Portal.Alert(page)).ToHaveTextAsync(
            "test token: You can only hand out modules you hold yourself in this account, and you do not hold Account (MD-0001).");
        await Expect(Row(page, id).GetByTestId("token-modules")).ToHaveTextAsync("None");
        await ScreenshotAsync(page, "integrations-not-held");
        var permissions = await (await member.Client.GetAsync($"/public/v1/auth/tokens/{id}/permissions")).ExpectAsync(HttpStatusCode.OK);
        permissions.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task TokenWhoseCreatorLeft_StaysListedWithItsModules_AndTheCreatorIsMarkedAsGone()
    {
        var account = await OwnAccount.CreateAsync(server);
        var creator = await account.MemberAsync(await account.GroupAsync(ModuleCatalog.Integrations));
        var (leftBehind, _) = await OwnAccount.TokenAsync(creator.Client, "left behind");
        await (await creator.Client.PostJsonAsync($"/public/v1/auth/tokens/{leftBehind}/permissions", new { id = ModuleCatalog.Integrations }))
            .ExpectAsync(HttpStatusCode.Created);
        var (owners, _) = await OwnAccount.TokenAsync(account.Owner.Client, "owner's own");
        (await account.Owner.Client.DeleteAsync(account.Path($"/users/{creator.Id}"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var page = await SignedInPageAsync(server, account.Owner.Email, UsersOnServer.Password);
        await page.GotoAsync("/settings/integrations");

        await Expect(Row(page, leftBehind).GetByTestId("token-creator")).ToHaveTextAsync(new Regex(@"^\s*by Mo Member\s+left the account\s*$"));
        await Expect(Row(page, leftBehind).GetByTestId("token-modules")).ToHaveTextAsync("Integrations");
        await Expect(Row(page, owners).GetByTestId("token-creator")).ToHaveTextAsync(new Regex(@"^\s*by Olga Owner\s*$"));
        await ScreenshotAsync(page, "integrations-creator-left");
    }

    private static ILocator Row(IPage page, string tokenId) => page.GetByTestId($"token-{tokenId}");

    private static async Task<string> ShownValueAsync(IPage page)
    {
        var shown = page.GetByTestId("issued-token");
        await Expect(shown).ToHaveTextAsync(HeaderValue());
        return (await shown.TextContentAsync())!.Trim();
    }

    private static string TokenId(string headerValue) => HeaderValue().Match(headerValue).Groups["id"].Value;

    [GeneratedRegex(@"^ApiKey (?<id>SU-\d{3}-\d{3}-\d{3}):\S+$")]
    private static partial Regex HeaderValue();

    /// <summary>A member of Front Street Inc whose only group grants the Account module.</summary>
    private async Task<string> MemberWithOnlyAccountModuleAsync()
    {
        var email = $"clerk-{Guid.NewGuid():N}@frontstreet.test";
        var userId = await UsersOnServer.CreateAsync(server, email, "Casey Clerk");
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RosterDbContext>();
        var accountId = await db.Accounts.Where(a => a.Name == RosterServer.AccountName).Select(a => a.Id).SingleAsync();
        var now = server.Clock.GetUtcNow();
        db.Memberships.Add(new Membership { AccountId = accountId, UserId = userId, Status = MembershipStatus.Active, CreatedAt = now, ActivatedAt = now });
        db.Groups.Add(new Group
        {
            Id = Ids.NewGroupId(),
            AccountId = accountId,
            Name = "Clerks",
            CreatedAt = now,
            Permissions = [new GroupPermission { ModuleId = ModuleCatalog.Account }],
            Members = [new GroupMember { AccountId = accountId, UserId = userId }],
        });
        await db.SaveChangesAsync();
        return email;
    }
}
