using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Roster.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Roster.Web.Tests.Browser;

/// <summary>Export CSV on the Users page downloads what the page shows: its filter, its sort, its columns, every page.</summary>
public sealed class UsersExportBrowserTests(ChromiumFixture chromium, RosterServer server) : BrowserTest(chromium), IClassFixture<RosterServer>
{
    [Fact]
    public async Task ExportCsv_AfterFilteringAndSorting_DownloadsTheSameRowsInTheSameOrder()
    {
        var team = await Team.CreateAsync(server);
        for (var i = 0; i < 12; i++) await team.InviteAsync($"Invited {i:D2}", team.Email($"invited{i:D2}"));
        await team.AddActiveMemberAsync("Amy Active", team.Email("amy"));
        var page = await SignedInPageAsync(server, team.OwnerEmail, UsersOnServer.Password);
        await Expect(Portal.ActiveAccount(page)).ToHaveTextAsync(team.AccountName);
        await UsersPage.OpenAsync(page);

        var filter = page.GetByTestId("filter");
        await filter.GetByText("Filter", new() { Exact = true }).ClickAsync();
        await filter.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync("invited");
        await filter.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("status=invited"));
        var sort = page.GetByTestId("sort");
        await sort.GetByText("Sort", new() { Exact = true }).ClickAsync();
        await sort.GetByRole(AriaRole.Link, new() { Name = "Email descending" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("sort=-email"));
        var columns = page.GetByTestId("columns");
        await columns.GetByText("Columns", new() { Exact = true }).ClickAsync();
        await columns.GetByLabel("Joined at").UncheckAsync();
        await columns.GetByLabel("Last sign in").UncheckAsync();
        await columns.GetByLabel("Auth mode").UncheckAsync();
        await columns.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(UsersPage.Range(page).First).ToHaveTextAsync("1-10 of 12");
        var expected = Enumerable.Range(0, 12).Reverse().Select(i => team.Email($"invited{i:D2}")).ToList();
        await Expect(UsersPage.Emails(page)).ToHaveTextAsync(expected.Take(10).ToArray());

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Export CSV" }).ClickAsync());

        download.SuggestedFilename.ShouldBe($"users-{team.AccountId}-{server.Clock.GetUtcNow():yyyy-MM-dd}.csv");
        var rows = CsvText.Parse(await File.ReadAllTextAsync(await download.PathAsync()));
        rows[0].ShouldBe(["Name", "ID", "Email", "Status"]);
        rows.Skip(1).Select(r => r[2]).ShouldBe(expected);
        rows.Skip(1).ShouldAllBe(r => r[3] == "Invited");
    }
}
