using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Roster.Accounts;
using Roster.Groups;
using Roster.Users;
using Roster.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Roster.Web.Tests.Browser;

public sealed class AuditTrailBrowserTests(ChromiumFixture chromium, RosterServer server) : BrowserTest(chromium), IClassFixture<RosterServer>
{
    [Fact]
    public async Task Administrator_FiltersTrailToInvitedUser_SeesActorAndLocalTime_AndDownloadsTheSameRows()
    {
        var team = await Team.CreateAsync(server);
        await team.ChangeOwnerAsync(u => (u.TimeZone, u.DateFormat, u.TimeFormat) = ("Asia/Tokyo", "yyyy-MM-dd", "HH:mm"));
        var invitedId = await team.InviteAsync("Ivy Invitee", team.Email("ivy"));
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var renamed = await scope.ServiceProvider.GetRequiredService<UpdateGroup>()
                .HandleAsync(new UpdateGroupRequest(team.AccountId, team.SupportId, "Customer Care"), team.Owner);
            renamed.Succeeded.ShouldBeTrue(renamed.Error?.Message);
        }
        var page = await SignedInPageAsync(server, team.OwnerEmail, UsersOnServer.Password);

        await Portal.Sidebar(page).GetByRole(AriaRole.Link, new() { Name = "Audit Trail" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Audit Trail" })).ToBeVisibleAsync();
        var rows = page.GetByTestId("audit").Locator("tbody tr");
        await Expect(rows.Filter(new() { HasText = "group updated" })).ToContainTextAsync("Customer Care");
        // Typed as a person might: in lower case, with a stray space.
        await page.GetByLabel("Object ID").FillAsync($" {invitedId.ToLowerInvariant()}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();

        await Expect(rows).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("range")).ToHaveTextAsync("1-1 of 1");
        await Expect(rows.GetByTestId("entry-action")).ToHaveTextAsync("member invited");
        await Expect(rows.GetByTestId("entry-actor")).ToHaveTextAsync(Team.OwnerName);
        await Expect(rows.GetByTestId("entry-object")).ToHaveTextAsync("Ivy Invitee");
        var tokyo = TimeZoneInfo.ConvertTime(server.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"))
            .ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        await Expect(rows.GetByTestId("entry-at")).ToHaveTextAsync(tokyo);
        await ScreenshotAsync(page, "audit-trail-filtered");

        var entryId = (await rows.GetByTestId("entry-id").TextContentAsync())!.TrimStart('#');

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-csv").ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        download.SuggestedFilename.ShouldStartWith($"audit-{team.AccountId}-");
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(2);
        // The file is for programs as much as for people: times in ISO 8601, in UTC, whatever the viewer's zone.
        lines[0].ShouldStartWith("id,at,");
        lines[1].ShouldStartWith($"{entryId},{server.Clock.GetUtcNow().UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'},");
        lines[1].ShouldContain(",1100,member_invited,user," + invitedId + ",Ivy Invitee,");
        lines[1].ShouldContain("," + team.OwnerId + "," + Team.OwnerName + ",");
    }

    [Fact]
    public async Task Changes_ReadAsText_WithNamesForIds()
    {
        var team = await Team.CreateAsync(server);
        var bill = await team.AddActiveMemberAsync("Bill Payer", team.Email("bill"));
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            (await services.GetRequiredService<UpdateGroup>()
                .HandleAsync(new UpdateGroupRequest(team.AccountId, team.SupportId, "Customer Care"), team.Owner)).ShouldSucceed();
            (await services.GetRequiredService<ChangeMfaPolicy>().HandleAsync("suggested", team.Owner)).ShouldSucceed();
            (await services.GetRequiredService<UpdateMember>()
                .HandleAsync(new UpdateMemberRequest(team.AccountId, bill, [team.AdministratorsId], null, null), team.Owner)).ShouldSucceed();
        }
        var page = await SignedInPageAsync(server, team.OwnerEmail, UsersOnServer.Password);

        await page.GotoAsync("/settings/audit");

        var rows = page.GetByTestId("audit").Locator("tbody tr");
        Task<string> ChangesOf(string action) => rows.Filter(new() { HasText = action }).First.GetByTestId("entry-changes").InnerTextAsync();
        (await ChangesOf("group updated")).ShouldBe("Name: Support → Customer Care");
        (await ChangesOf("account mfa policy changed")).ShouldBe("Two-factor policy: optional → suggested");
        (await ChangesOf("member updated")).ShouldBe("Groups: added Administrators; removed Customer Care");
        (await ChangesOf("member joined")).ShouldBe("Email: bill@" + team.Domain + "; Groups: Customer Care");
        (await rows.GetByTestId("entry-changes").AllInnerTextsAsync()).ShouldAllBe(text => !text.Contains('{') && !text.Contains("GR-"));
        await ScreenshotAsync(page, "audit-trail");
    }

    [Fact]
    public async Task Filters_OnADesktop_LeaveTheFirstEntriesInView()
    {
        var team = await Team.CreateAsync(server);
        var page = await SignedInPageAsync(server, team.OwnerEmail, UsersOnServer.Password);

        await page.GotoAsync("/settings/audit");

        var first = page.GetByTestId("audit").Locator("tbody tr").First;
        var box = (await first.BoundingBoxAsync())!;
        (box.Y + box.Height).ShouldBeLessThanOrEqualTo(800);
    }

    [Fact]
    public async Task Administrator_PutsFromAfterTo_IsToldSo_AndSeesNoListUntilTheDatesAreRight()
    {
        var team = await Team.CreateAsync(server);
        var page = await SignedInPageAsync(server, team.OwnerEmail, UsersOnServer.Password);
        await page.GotoAsync("/settings/audit");
        var today = DateOnly.FromDateTime(server.Clock.GetUtcNow().UtcDateTime);
        var rows = page.GetByTestId("audit").Locator("tbody tr");

        var from = page.GetByLabel("From", new() { Exact = true });
        var to = page.GetByLabel("To", new() { Exact = true });
        await from.FillAsync(Day(today.AddDays(1)));
        await to.FillAsync(Day(today.AddDays(-1)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();

        await Expect(page.GetByTestId("audit-filter").GetByRole(AriaRole.Alert)).ToHaveTextAsync("From must be on or before To.");
        await Expect(from).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(rows).ToHaveTextAsync(["Correct the dates to see entries."]);
        await Expect(page.GetByTestId("range")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("export-csv")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "audit-trail-dates-reversed");

        await from.FillAsync(Day(today.AddDays(-1)));
        await to.FillAsync(Day(today.AddDays(1)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();

        await Expect(page.GetByTestId("dates-error")).ToBeEmptyAsync();
        await Expect(rows.Filter(new() { HasText = "Support" }).First).ToContainTextAsync("group created");
        await Expect(page.GetByTestId("export-csv")).ToBeVisibleAsync();
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
