using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Roster.Web.Tests.Browser;

/// <summary>The portal's landmarks and steps, named once so that tests read like what a person does.</summary>
public static partial class Portal
{
    public static ILocator ActiveAccount(IPage page) => page.GetByTestId("active-account");

    public static ILocator AccountMenu(IPage page) => page.GetByTestId("account-switcher").Locator("summary");

    public static ILocator Sidebar(IPage page) => page.GetByRole(AriaRole.Navigation, new() { Name = "Settings" });

    /// <summary>The button that shows the sidebar's links on a narrow screen.</summary>
    public static ILocator SidebarMenu(IPage page) => page.GetByTestId("sidebar-menu").Locator("summary");

    /// <summary>The widest screen on which the sidebar waits behind its menu button (roster.css: 48rem).</summary>
    public const int NarrowWidth = 768;

    /// <summary>
    /// Follows a sidebar link, opening the menu first where a narrow screen keeps the links behind it. Decided by the
    /// viewport, not by whether the button shows: before the stylesheet has loaded, it shows on every screen.
    /// </summary>
    public static async Task FollowSidebarLinkAsync(IPage page, string title)
    {
        if (page.ViewportSize is { Width: <= NarrowWidth } && !await page.GetByTestId("sidebar-menu").EvaluateAsync<bool>("menu => menu.open"))
            await SidebarMenu(page).ClickAsync();
        await Sidebar(page).GetByRole(AriaRole.Link, new() { Name = title, Exact = true }).ClickAsync();
    }

    public static ILocator Notice(IPage page) => page.GetByRole(AriaRole.Status);

    public static ILocator Alert(IPage page) => page.GetByRole(AriaRole.Alert);

    [GeneratedRegex(@"/sign-in(\?|$)")]
    public static partial Regex SignInUrl();

    /// <summary>Signs in through the sign-in form, as a person does: its email step, then its password step.</summary>
    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/sign-in");
        await FillSignInAsync(page, email, password);
    }

    /// <summary>
    /// Signs in with one request to the API's sign-in, sent from the page's own browser context so that the browser
    /// keeps the session and device cookies, then opens the portal. The session is the one the form would start; the
    /// form's two steps cost three page loads more, which only the tests of signing in need.
    /// </summary>
    public static async Task SignInByRequestAsync(IPage page, string email, string password)
    {
        var response = await page.Context.APIRequest.PostAsync("/public/v1/auth/login", new() { DataObject = new { email, password } });
        response.Status.ShouldBe(201, await response.TextAsync());
        await page.GotoAsync("/");
    }

    /// <summary>The email step, then the password step.</summary>
    public static async Task FillSignInAsync(IPage page, string email, string password)
    {
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    public static async Task SignOutAsync(IPage page)
    {
        await AccountMenu(page).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
    }

    public static async Task<string> SessionCookieAsync(IPage page)
    {
        var cookies = await page.Context.CookiesAsync();
        return cookies.Single(c => c.Name == "roster_session").Value;
    }
}
