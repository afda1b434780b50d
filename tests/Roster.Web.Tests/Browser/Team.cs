using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Roster.Common;
using Roster.Data;
using Roster.Users;
using Roster.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Roster.Web.Tests.Browser;

/// <summary>
/// An account of a test's own, founded by Olive Owner through the API, with the Administrators group and an empty
/// Support group. Every email of the team shares <see cref="Domain"/>, so a test knows exactly which rows its list holds.
/// </summary>
public sealed record Team(RosterServer Server, string Domain, string OwnerEmail, string OwnerId, string AccountId, string AccountName,
    string AdministratorsId, string SupportId)
{
    public const string OwnerName = "Olive Owner";

    public Actor Owner => new(ActorKind.User, OwnerId, OwnerName, AccountId);

    public string Email(string local) => $"{local}@{Domain}";

    public static async Task<Team> CreateAsync(RosterServer server)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var domain = $"team-{tag}.test";
        var ownerEmail = $"olive@{domain}";
        var ownerId = await UsersOnServer.CreateAsync(server, ownerEmail, OwnerName);
        using var client = await server.SignedInClientAsync(ownerEmail, UsersOnServer.Password);
        var accountName = $"Team {tag}";
        var created = await (await client.PostJsonAsync("/public/v1/accounts", new { name = accountName })).ExpectAsync(HttpStatusCode.Created);
        var accountId = created["id"]!.GetValue<string>();
        var groups = await (await client.GetAsync($"/public/v1/accounts/{accountId}/groups")).ExpectAsync(HttpStatusCode.OK);
        var administrators = groups.AsArray().Single()!["id"]!.GetValue<string>();
        var support = await (await client.PostJsonAsync($"/public/v1/accounts/{accountId}/groups",
            new { name = "Support", description = "Answers customers" })).ExpectAsync(HttpStatusCode.Created);
        return new Team(server, domain, ownerEmail, ownerId, accountId, accountName, administrators, support["id"]!.GetValue<string>());
    }

    /// <summary>Invites through the same use case as the wizard; returns the user id.</summary>
    public async Task<string> InviteAsync(string name, string email, params string[] groups)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        var invite = scope.ServiceProvider.GetRequiredService<InviteMember>();
        var result = await invite.HandleAsync(
            new InviteMemberRequest(AccountId, null, name, email, groups.Length == 0 ? [SupportId] : groups), Owner);
        return result.Succeeded ? result.Value.Member.Id : throw new ShouldAssertException(result.Error.Message);
    }

    /// <summary>A registered user added to the account: they are active at once.</summary>
    public async Task<string> AddActiveMemberAsync(string name, string email, params string[] groups)
    {
        await UsersOnServer.CreateAsync(Server, email, name);
        return await InviteAsync(name, email, groups);
    }

    public async Task ChangeOwnerAsync(Action<User> change)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RosterDbContext>();
        var owner = await db.Users.SingleAsync(u => u.Id == OwnerId);
        change(owner);
        await db.SaveChangesAsync();
    }
}

/// <summary>The Users page's parts, named as a person sees them.</summary>
public static class UsersPage
{
    public static ILocator Rows(IPage page) => page.GetByTestId("users").Locator("tbody tr");

    /// <summary>Users | Directory | Policies.</summary>
    public static ILocator Tabs(IPage page) => page.GetByRole(AriaRole.Navigation, new() { Name = "Users sections" });

    public static ILocator Row(IPage page, string text) => Rows(page).Filter(new() { HasText = text });

    public static ILocator Status(ILocator row) => row.GetByTestId("user-status");

    public static ILocator Range(IPage page) => page.GetByTestId("range");

    public static ILocator Dialog(IPage page) => page.GetByRole(AriaRole.Dialog);

    public static ILocator Emails(IPage page) => Rows(page).GetByTestId("user-email");

    public static async Task OpenAsync(IPage page)
    {
        await Portal.FollowSidebarLinkAsync(page, "Users");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Users", Exact = true })).ToBeVisibleAsync();
    }

    public static async Task StartWizardAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "+ Add user" }).ClickAsync();
        await Expect(Dialog(page).GetByRole(AriaRole.Heading)).ToHaveTextAsync("Add user – Step 1");
    }

    public static async Task Next(IPage page, int expectedStep)
    {
        await Dialog(page).GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await Expect(Dialog(page).GetByRole(AriaRole.Heading)).ToHaveTextAsync($"Add user – Step {expectedStep}");
    }

    /// <summary>The whole wizard, as a manager fills it in.</summary>
    public static async Task AddUserAsync(IPage page, string name, string email, params string[] groups)
    {
        await StartWizardAsync(page);
        await Dialog(page).GetByLabel("Name").FillAsync(name);
        await Dialog(page).GetByLabel("Email").FillAsync(email);
        await Next(page, 2);
        foreach (var group in groups) await Dialog(page).GetByLabel(group, new() { Exact = true }).CheckAsync();
        await Next(page, 3);
        await Dialog(page).GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(Portal.Notice(page)).ToContainTextAsync(name);
    }

    /// <summary>Opens a row's ⋮ menu and picks an item.</summary>
    public static async Task RowActionAsync(ILocator row, string action)
    {
        await row.Locator("summary[aria-label^='More actions']").ClickAsync();
        await row.Locator(".menu-list").GetByText(action, new() { Exact = true }).ClickAsync();
    }

    /// <summary>The link the row's Copy invitation link item copies.</summary>
    public static async Task<string> InvitationLinkAsync(ILocator row) =>
        (await row.Locator("[data-copy-value]").GetAttributeAsync("data-copy-value")).ShouldNotBeNull();
}
