using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Browser;

/// <summary>A script on Roster's own page calling the API with the portal's session, as Connect's SDK would in a browser.</summary>
public sealed class SameOriginFetchTests(ChromiumFixture chromium, RosterServer server) : BrowserTest(chromium), IClassFixture<RosterServer>
{
    private const string Fetch = """
        async ([contentType, name]) => {
            const response = await fetch('/public/v1/auth/tokens', {
                method: 'POST', headers: { 'Content-Type': contentType }, body: JSON.stringify({ name }) });
            return response.status;
        }
        """;

    [Fact]
    public async Task FetchFromThePortalPage_WithJson_Works_AndAsPlainText_Is415()
    {
        var page = await SignedInPageAsync(server);

        var json = await page.EvaluateAsync<int>(Fetch, (string[])["application/json", "From the portal page"]);
        var plain = await page.EvaluateAsync<int>(Fetch, (string[])["text/plain", "Plain text from the page"]);

        json.ShouldBe(201);
        plain.ShouldBe(415);
        var names = await page.EvaluateAsync<string[]>(
            "async () => (await (await fetch('/public/v1/auth/tokens?limit=100')).json()).map(t => t.name)");
        names.ShouldContain("From the portal page");
        names.ShouldNotContain("Plain text from the page");
    }
}
